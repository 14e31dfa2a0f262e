package kiln.jobs.ingest.web;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Main-content extraction: the article text of a web page without navigation, menus, footers, cookie banners,
 * share bars and comment sections. Kiln's own implementation of the block-scoring family of algorithms
 * (Arc90 Readability, Mozilla Readability.js, trafilatura), on jsoup; docs/ingest.md walks through it.
 *
 * <ol>
 *   <li>Clean: drop scripts, styles, forms controls, hidden elements, and elements whose role, tag or
 *       class/id name says boilerplate ({@link #UNLIKELY}) unless the name also says content ({@link #MAYBE}).</li>
 *   <li>Score: every paragraph-like block of at least {@link #MIN_PARAGRAPH_CHARS} chars scores
 *       {@code 1 + commas + min(3, chars / 100)}; the score goes to its parent (x1), grandparent (x1/2) and
 *       further ancestors (x1/(3*depth)) up to {@link #ANCESTOR_LEVELS} levels. Each candidate starts with a tag
 *       bias and a class/id weight of +/-25, and its final score is multiplied by {@code 1 - link density}.</li>
 *   <li>Select the best candidate, climbing to its parent while the parent holds most of the text, then add
 *       siblings that score at least {@code max(10, 0.2 * best)} or are link-poor paragraphs.</li>
 *   <li>Post-clean the selection: remove blocks with high link density, more list items or images than text,
 *       or a negative class weight (the "conditional clean" of Readability).</li>
 *   <li>If the result is shorter than {@link #RETRY_CHARS} chars, retry with fewer cleaning rules and keep the
 *       longest attempt; if nothing scores, fall back to the whole body.</li>
 * </ol>
 *
 * <p>Work per page is bounded by a deadline checked while walking the tree ({@link ExtractionTimeout}).
 */
public final class MainTextExtractor {

  public static final int MIN_PARAGRAPH_CHARS = 25;
  public static final int ANCESTOR_LEVELS = 5;
  public static final int RETRY_CHARS = 500;
  public static final long DEFAULT_TIMEOUT_MILLIS = 5_000;

  static final Pattern UNLIKELY = Pattern.compile(
      "-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends"
          + "|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break"
          + "|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|subscribe|share|sharing"
          + "|promo|outbrain|taboola|widget|masthead|navbar|nav-|-nav|toolbar|skip-link|signup|login",
      Pattern.CASE_INSENSITIVE);
  static final Pattern MAYBE = Pattern.compile("and|article|body|column|content|main|shadow|story|post",
      Pattern.CASE_INSENSITIVE);
  static final Pattern POSITIVE = Pattern.compile(
      "article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story",
      Pattern.CASE_INSENSITIVE);
  static final Pattern NEGATIVE = Pattern.compile(
      "-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta"
          + "|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget"
          + "|cookie|consent|newsletter|byline|author|breadcrumb|caption-credit",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BOILERPLATE_ROLE = Pattern.compile(
      "navigation|banner|contentinfo|complementary|menu|menubar|dialog|alertdialog|search|toolbar");
  private static final Set<String> DROP_TAGS = Set.of("script", "style", "noscript", "template", "link", "meta",
      "iframe", "object", "embed", "svg", "canvas", "button", "input", "select", "textarea", "nav", "footer",
      "aside", "dialog", "form-control");
  private static final Set<String> SCORE_TAGS = Set.of("p", "pre", "td", "section", "h2", "h3", "h4", "h5", "h6",
      "blockquote", "dd", "li");
  private static final Set<String> BLOCK_CHILDREN = Set.of("a", "blockquote", "dl", "div", "img", "ol", "p", "pre",
      "table", "ul", "section", "article", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer");

  private static final Evaluator CLEAN_CANDIDATES =
      QueryParser.parse("div, section, ul, ol, table, form, aside, header, footer, h1, h2, h3, dl");
  private static final Evaluator TITLE_META = QueryParser.parse("meta[property=og:title], meta[name=twitter:title]");
  private static final Evaluator TABLE_DATA_PARTS = QueryParser.parse("caption, thead, th, col, colgroup, tfoot");
  private static final Evaluator NESTED_TABLE = QueryParser.parse("table table");
  private static final Evaluator TABLE_ROWS = QueryParser.parse("tr");
  private final long timeoutMillis;

  public MainTextExtractor() {
    this(DEFAULT_TIMEOUT_MILLIS);
  }

  public MainTextExtractor(long timeoutMillis) {
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("timeoutMillis must be > 0, got " + timeoutMillis);
    }
    this.timeoutMillis = timeoutMillis;
  }

  /** Thrown when a page takes longer than the timeout; the caller rejects it with {@code ingest:timeout}. */
  public static final class ExtractionTimeout extends RuntimeException {
    public ExtractionTimeout(String message) {
      super(message, null, false, false);
    }
  }

  /** Extraction result: the page title (may be empty) and the main text with paragraphs separated by blank lines. */
  public record Result(String title, String text) {}

  public Result extract(String html, String baseUrl) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    Document doc = Jsoup.parse(html, baseUrl == null ? "" : baseUrl);
    String title = title(doc);
    String best = "";
    boolean[] strippedUnlikely = new boolean[1];
    for (int attempt = 0; attempt < 3; attempt++) {
      boolean stripUnlikely = attempt == 0;
      boolean weighClasses = attempt <= 1;
      if (attempt == 1 && !strippedUnlikely[0]) {
        // The second attempt differs from the first only in keeping "unlikely" elements; when the first removed
        // none, it would parse and score the same tree again and return the same text.
        continue;
      }
      // The first attempt works on the parsed page itself; retries parse again rather than clone up front.
      Document work = attempt == 0 ? doc : Jsoup.parse(html, baseUrl == null ? "" : baseUrl);
      String text = extractOnce(work, stripUnlikely, weighClasses, attempt <= 1, deadline, strippedUnlikely);
      if (text.length() > best.length()) {
        best = text;
      }
      if (best.length() >= RETRY_CHARS) {
        break;
      }
    }
    return new Result(title, stripLeadingTitle(best, title));
  }

  private String extractOnce(Document doc, boolean stripUnlikely, boolean weighClasses, boolean cleanConditionally,
                             long deadline, boolean[] strippedUnlikely) {
    Element body = doc.body();
    if (body == null) {
      return "";
    }
    if (preClean(body, stripUnlikely, deadline)) {
      strippedUnlikely[0] = true;
    }
    // Element.text() walks the whole subtree, and scoring, link density and cleaning ask for the same elements'
    // text again and again: all of it comes from one walk (SubtreeTexts). The tree does not change from here
    // until the removals at the end of cleanConditionally, and those touch only the subtree being cleaned, whose
    // texts are not asked for again.
    SubtreeTexts texts = SubtreeTexts.of(body);
    Map<Element, double[]> scores = new IdentityHashMap<>();
    // Candidates in the order they were first scored (document order of their scoring descendants): equal
    // scores are resolved by this order, never by identity hash order, which differs from run to run.
    List<Element> candidates = new ArrayList<>();
    int visited = 0;
    for (Element e : body.getAllElements()) {
      if ((++visited & 255) == 0) {
        check(deadline);
      }
      String tag = e.normalName();
      String text;
      if (SCORE_TAGS.contains(tag)) {
        if ((tag.equals("li") || tag.equals("section") || tag.equals("td")) && hasBlockChild(e)) {
          continue;
        }
        text = text(e, texts);
      } else if (tag.equals("div")) {
        text = hasBlockChild(e) ? ownText(e, texts) : text(e, texts);
      } else {
        continue;
      }
      if (text.length() < MIN_PARAGRAPH_CHARS) {
        continue;
      }
      double score = 1 + commas(text) + Math.min(3, text.length() / 100);
      Element anc = tag.equals("div") && hasBlockChild(e) ? e : e.parent();
      for (int level = 0; anc != null && level < ANCESTOR_LEVELS; level++) {
        if (anc == doc || anc.normalName().equals("html")) {
          break;
        }
        double[] s = scores.get(anc);
        if (s == null) {
          s = new double[] {initialScore(anc, weighClasses)};
          scores.put(anc, s);
          candidates.add(anc);
        }
        s[0] += level == 0 ? score : level == 1 ? score / 2 : score / (level * 3.0);
        anc = anc.parent();
      }
    }
    Element top = null;
    double topScore = 0;
    for (Element e : candidates) {
      double[] score = scores.get(e);
      double s = score[0] * (1 - linkDensity(e, texts));
      score[0] = s;
      if (top == null || s > topScore || (s == topScore && precedes(e, top))) {
        top = e;
        topScore = s;
      }
    }
    if (top == null) {
      return BlockText.of(body);
    }
    // Climb while the parent holds the same text: the candidate is its only real child.
    while (top.parent() != null && top.parent() != body && top.parent().normalName().matches("div|section|article|main")
        && text(top.parent(), texts).length() <= text(top, texts).length() * 1.1 + 20) {
      Element p = top.parent();
      double[] ps = scores.get(p);
      if (ps != null) {
        topScore = Math.max(topScore, ps[0]);
      }
      top = p;
    }
    List<Element> parts = new ArrayList<>();
    Element parent = top.parent();
    if (parent == null || top == body) {
      parts.add(top);
    } else {
      double threshold = Math.max(10, topScore * 0.2);
      String topClass = top.className();
      for (Element sib : parent.children()) {
        if (sib == top) {
          parts.add(sib);
          continue;
        }
        double bonus = !topClass.isEmpty() && topClass.equals(sib.className()) ? topScore * 0.2 : 0;
        double[] s = scores.get(sib);
        boolean add = s != null && s[0] + bonus >= threshold;
        if (!add && sib.normalName().equals("p")) {
          String t = text(sib, texts);
          double ld = linkDensity(sib, texts);
          add = (t.length() > 80 && ld < 0.25) || (t.length() > 0 && t.length() <= 80 && ld == 0
              && t.matches("(?s).*\\.( |$).*"));
        }
        if (add) {
          parts.add(sib);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (Element part : parts) {
      check(deadline);
      if (cleanConditionally) {
        cleanConditionally(part, weighClasses, texts);
      }
      String t = BlockText.of(part);
      if (!t.isEmpty()) {
        if (out.length() > 0) {
          out.append("\n\n");
        }
        out.append(t);
      }
    }
    return out.toString();
  }

  private static void check(long deadline) {
    if (System.nanoTime() > deadline) {
      throw new ExtractionTimeout("main-text extraction exceeded its time budget");
    }
  }

  private static boolean precedes(Element a, Element b) {
    return a.siblingIndex() < b.siblingIndex() && a.parent() == b.parent();
  }

  /** Removes boilerplate; true when the "unlikely" names rule removed an element not already removed otherwise. */
  private static boolean preClean(Element body, boolean stripUnlikely, long deadline) {
    List<Element> remove = new ArrayList<>();
    List<Element> unlikely = new ArrayList<>();
    int n = 0;
    for (Element e : body.getAllElements()) {
      if ((++n & 255) == 0) {
        check(deadline);
      }
      if (e == body) {
        continue;
      }
      String tag = e.normalName();
      if (DROP_TAGS.contains(tag) || isHidden(e)) {
        remove.add(e);
        continue;
      }
      String role = e.attr("role").toLowerCase(Locale.ROOT);
      if (!role.isEmpty() && BOILERPLATE_ROLE.matcher(role).matches()) {
        remove.add(e);
        continue;
      }
      if (tag.equals("header") && !hasAncestor(e, "article")) {
        remove.add(e);
        continue;
      }
      if (stripUnlikely && !tag.equals("a") && !tag.equals("article") && !tag.equals("main")
          && !tag.equals("table") && !tag.equals("tbody") && !tag.equals("tr") && !tag.equals("td")
          && !tag.equals("code") && !tag.equals("pre")) {
        String names = e.className() + " " + e.id();
        if (names.length() > 1 && unlikelyName(names)
            && !hasAncestor(e, "table") && !hasAncestor(e, "code")) {
          remove.add(e);
          unlikely.add(e);
        }
      }
    }
    boolean effective = false;
    if (!unlikely.isEmpty()) {
      Set<Element> removed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      removed.addAll(remove);
      for (Element e : unlikely) {
        boolean inside = false;
        for (Element p = e.parent(); p != null && !inside; p = p.parent()) {
          inside = removed.contains(p);
        }
        if (!inside) {
          effective = true;
          break;
        }
      }
    }
    for (Element e : remove) {
      e.remove();
    }
    return effective;
  }

  private static boolean isHidden(Element e) {
    if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden")) && !e.normalName().equals("img")) {
      return !e.className().contains("fallback-image");
    }
    String style = e.attr("style");
    if (!style.isEmpty()) {
      String s = style.replace(" ", "").toLowerCase(Locale.ROOT);
      return s.contains("display:none") || s.contains("visibility:hidden");
    }
    return false;
  }

  private static boolean hasAncestor(Element e, String tag) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p.normalName().equals(tag)) {
        return true;
      }
    }
    return false;
  }

  // Walks child nodes by index: Element.children() builds a fresh list through a stream on every call.
  private static boolean hasBlockChild(Element e) {
    for (int i = 0, n = e.childNodeSize(); i < n; i++) {
      if (e.childNode(i) instanceof Element c && BLOCK_CHILDREN.contains(c.normalName())
          && !(c.normalName().equals("a") && !hasElementChild(c))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasElementChild(Element e) {
    for (int i = 0, n = e.childNodeSize(); i < n; i++) {
      if (e.childNode(i) instanceof Element) {
        return true;
      }
    }
    return false;
  }

  private static String text(Element e, SubtreeTexts texts) {
    return texts.text(e);
  }

  private static String ownText(Element e, SubtreeTexts texts) {
    StringBuilder sb = new StringBuilder();
    for (Node c : e.childNodes()) {
      if (c instanceof TextNode t) {
        sb.append(t.text());
      } else if (c instanceof Element ce && !BLOCK_CHILDREN.contains(ce.normalName())) {
        sb.append(text(ce, texts));
      }
    }
    return sb.toString().trim();
  }

  private static double initialScore(Element e, boolean weighClasses) {
    double s = switch (e.normalName()) {
      case "div", "article", "main" -> 5;
      case "pre", "td", "blockquote" -> 3;
      case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
      case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
      default -> 0;
    };
    return s + (weighClasses ? classWeight(e) : 0);
  }

  /** +25 per positive and -25 per negative hint in the class and in the id. */
  static int classWeight(Element e) {
    String c = e.className();
    String id = e.id();
    return (c.isEmpty() ? 0 : nameWeight(c)) + (id.isEmpty() ? 0 : nameWeight(id));
  }

  // Pages repeat the same class names hundreds of times (every menu item, every comment), and the
  // case-insensitive alternations are a tenth of extraction's time: each distinct name is matched once per JVM.
  // The caches hold pure functions of the name, so sharing them between tasks changes no result.
  private static final int NAME_CACHE_LIMIT = 100_000;
  private static final Map<String, Integer> NAME_WEIGHTS = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> UNLIKELY_NAMES = new ConcurrentHashMap<>();

  private static int nameWeight(String name) {
    Integer w = NAME_WEIGHTS.get(name);
    if (w == null) {
      w = (NEGATIVE.matcher(name).find() ? -25 : 0) + (POSITIVE.matcher(name).find() ? 25 : 0);
      if (NAME_WEIGHTS.size() >= NAME_CACHE_LIMIT) {
        NAME_WEIGHTS.clear();
      }
      NAME_WEIGHTS.put(name, w);
    }
    return w;
  }

  /** "class id" says boilerplate ({@link #UNLIKELY}) and not content ({@link #MAYBE}). */
  private static boolean unlikelyName(String names) {
    Boolean u = UNLIKELY_NAMES.get(names);
    if (u == null) {
      u = UNLIKELY.matcher(names).find() && !MAYBE.matcher(names).find();
      if (UNLIKELY_NAMES.size() >= NAME_CACHE_LIMIT) {
        UNLIKELY_NAMES.clear();
      }
      UNLIKELY_NAMES.put(names, u);
    }
    return u;
  }

  /** Chars of link text over all chars of text (0 for an empty element); same-page anchors count 0.3. */
  static double linkDensity(Element e) {
    return SubtreeTexts.of(e).linkDensity(e);
  }

  private static double linkDensity(Element e, SubtreeTexts texts) {
    return texts.linkDensity(e);
  }

  private static int commas(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '\u060C' || c == '\uFE50' || c == '\uFE10' || c == '\uFE11' || c == '\u2E41'
          || c == '\u2E34' || c == '\u2E32' || c == '\uFF0C') {
        n++;
      }
    }
    return n;
  }

  private static void cleanConditionally(Element root, boolean weighClasses, SubtreeTexts texts) {
    Elements candidates = root.select(CLEAN_CANDIDATES);
    List<Element> remove = new ArrayList<>();
    for (int i = candidates.size() - 1; i >= 0; i--) {
      Element e = candidates.get(i);
      if (e == root || hasAncestor(e, "pre") || hasAncestor(e, "code")) {
        continue;
      }
      String tag = e.normalName();
      int weight = weighClasses ? classWeight(e) : 0;
      String text = text(e, texts);
      double ld = linkDensity(e, texts);
      if (tag.equals("h1") || tag.equals("h2") || tag.equals("h3")) {
        if (weight < 0 || ld > 0.33) {
          remove.add(e);
        }
        continue;
      }
      if (weight < 0) {
        remove.add(e);
        continue;
      }
      if (commas(text) >= 10) {
        continue;
      }
      boolean isList = tag.equals("ul") || tag.equals("ol");
      if (tag.equals("table") && isDataTable(e)) {
        continue;
      }
      // One walk of the subtree (the element itself included, as select counts it) instead of five.
      int p = 0;
      int img = 0;
      int li = -100;
      int input = 0;
      int headings = 0;
      for (Element d : e.getAllElements()) {
        switch (d.normalName()) {
          case "p" -> p++;
          case "img" -> img++;
          case "li" -> li++;
          case "input" -> input++;
          case "h1", "h2", "h3", "h4", "h5", "h6" -> headings++;
          default -> { }
        }
      }
      int len = text.length();
      boolean bad = (img > 1 && p / (double) img < 0.5 && !hasAncestor(e, "figure"))
          || (!isList && li > p)
          || (input > Math.floor(p / 3.0))
          || (!isList && headings > 0 && len < 25 * (headings + 1) && p == 0 && img == 0 && ld > 0)
          || (len < MIN_PARAGRAPH_CHARS && (img == 0 || img > 2) && !isList && ld > 0)
          || (weight < 25 && ld > 0.2 + (isList ? 0.2 : 0))
          || (weight >= 25 && ld > 0.5);
      if (isList && !bad) {
        // A list of mostly links (a menu that survived pre-cleaning) goes too.
        bad = ld > 0.5;
      }
      if (bad) {
        remove.add(e);
      }
    }
    for (Element e : remove) {
      if (e.parent() != null) {
        e.remove();
      }
    }
  }

  private static boolean isDataTable(Element table) {
    if ("presentation".equals(table.attr("role"))) {
      return false;
    }
    if (!table.select(TABLE_DATA_PARTS).isEmpty()) {
      return true;
    }
    if (!table.select(NESTED_TABLE).isEmpty()) {
      return false;
    }
    Elements rows = table.select(TABLE_ROWS);
    return rows.size() >= 10;
  }

  /** Title: og:title, else {@code <title>} minus a site name after a separator when the rest stays long. */
  static String title(Document doc) {
    String og = doc.select(TITLE_META).attr("content").strip();
    String t = doc.title().strip();
    if (t.isEmpty()) {
      t = og;
    }
    if (t.isEmpty()) {
      Element h1 = doc.selectFirst("h1");
      return h1 == null ? "" : h1.text().strip();
    }
    String[] seps = {" | ", " - ", " \u2013 ", " \u2014 ", " \\ ", " / ", " > ", " \u00bb ", " :: "};
    for (String sep : seps) {
      int i = t.lastIndexOf(sep);
      if (i > 0) {
        String head = t.substring(0, i).strip();
        if (head.split("\\s+").length >= 3) {
          return head;
        }
      }
    }
    return t;
  }

  private static String stripLeadingTitle(String text, String title) {
    if (title.isEmpty() || !text.startsWith(title)) {
      return text;
    }
    String rest = text.substring(title.length());
    if (rest.startsWith("\n")) {
      return rest.strip();
    }
    return text;
  }
}
