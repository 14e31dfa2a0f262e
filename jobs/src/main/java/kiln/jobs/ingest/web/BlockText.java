package kiln.jobs.ingest.web;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Text of an element with the page's structure kept: block elements (p, div, headings, list items...) become
 * paragraphs separated by a blank line, {@code <br>} and table rows become line breaks, {@code <pre>} keeps its
 * whitespace, and runs of whitespace inside a paragraph collapse to one space. jsoup's {@code text()} would flatten
 * all of it to one line.
 */
public final class BlockText {
  private BlockText() {}

  static final Set<String> PARAGRAPH_TAGS = Set.of("p", "div", "section", "article", "main", "header", "footer",
      "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre", "figure", "figcaption",
      "hr", "address", "form", "fieldset", "details", "summary", "nav", "aside", "center", "body", "html",
      "caption", "hgroup", "menu", "dialog");
  static final Set<String> LINE_TAGS = Set.of("li", "dt", "dd", "tr", "br", "option", "legend");
  private static final Set<String> SKIP = Set.of("script", "style", "noscript", "template", "head", "title",
      "svg", "math", "iframe", "object", "embed", "select", "button", "textarea", "input");

  public static String of(Node root) {
    Out out = new Out();
    walk(root, out, false);
    return out.finish();
  }

  private static void walk(Node node, Out out, boolean pre) {
    if (node instanceof TextNode t) {
      out.text(pre ? t.getWholeText() : t.text(), pre, t.getWholeText());
      return;
    }
    if (!(node instanceof Element e)) {
      return;
    }
    String tag = e.normalName();
    if (SKIP.contains(tag)) {
      return;
    }
    if (tag.equals("br")) {
      out.brk(1);
      return;
    }
    int level = PARAGRAPH_TAGS.contains(tag) ? 2 : LINE_TAGS.contains(tag) ? 1 : 0;
    if (tag.equals("td") || tag.equals("th")) {
      out.space();
    }
    out.brk(level);
    boolean inPre = pre || tag.equals("pre") || tag.equals("textarea");
    for (Node c : e.childNodes()) {
      walk(c, out, inPre);
    }
    out.brk(level);
    if (tag.equals("td") || tag.equals("th")) {
      out.space();
    }
  }

  private static final class Out {
    final StringBuilder sb = new StringBuilder();
    int pendingBreak;
    boolean pendingSpace;

    void brk(int level) {
      if (level > pendingBreak) {
        pendingBreak = level;
      }
    }

    void space() {
      pendingSpace = true;
    }

    void text(String s, boolean pre, String whole) {
      if (!pre) {
        if (!whole.isEmpty() && Character.isWhitespace(whole.charAt(0))) {
          pendingSpace = true;
        }
        s = s.strip();
        if (s.isEmpty()) {
          return;
        }
      } else if (s.isEmpty()) {
        return;
      }
      if (sb.length() > 0) {
        if (pendingBreak > 0) {
          sb.append(pendingBreak == 2 ? "\n\n" : "\n");
        } else if (pendingSpace && !pre && sb.charAt(sb.length() - 1) != ' ' && sb.charAt(sb.length() - 1) != '\n') {
          sb.append(' ');
        }
      }
      pendingBreak = 0;
      pendingSpace = false;
      sb.append(s);
      if (!pre && Character.isWhitespace(whole.charAt(whole.length() - 1))) {
        pendingSpace = true;
      }
    }

    String finish() {
      // Trim each line and collapse runs of blank lines to one.
      String[] lines = sb.toString().split("\n", -1);
      StringBuilder r = new StringBuilder(sb.length());
      int blank = 0;
      for (String line : lines) {
        String t = line.strip();
        if (t.isEmpty()) {
          blank++;
          continue;
        }
        if (r.length() > 0) {
          r.append(blank > 0 ? "\n\n" : "\n");
        }
        blank = 0;
        r.append(t);
      }
      return r.toString();
    }
  }
}
