package kiln.jobs.ingest.web;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Tag;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * {@code Element.text()} of every element under a root, from one walk of the tree. Scoring asks for the text of
 * each candidate and of its five ancestors, and link density for every link under each of them: computed one
 * element at a time, every text node was walked six times or more, and that was a quarter of ingest's time.
 *
 * <p>The walk repeats jsoup 1.24's text accumulator over the whole root and records where each element's text
 * starts and ends. An element's own {@code text()} starts from an empty buffer instead of the text before it, but
 * the buffer's contents only decide whether a space is added or a leading space dropped; once a non-space char is
 * written both agree, so the trimmed slice equals {@code text()} ({@code SubtreeTextsTest} checks every element of
 * the shared pages against jsoup). Elements attached after the walk fall back to jsoup.
 *
 * <p>Link density needs, per element, the text lengths of the links under it in document order (the sum must
 * add the same doubles in the same order as before, or ties between candidates could resolve differently). Links
 * of a subtree are a contiguous run of the document-order link list, so each element keeps its run's bounds.
 */
final class SubtreeTexts {
  private final StringBuilder all = new StringBuilder();
  private final Map<Element, Span> spans = new IdentityHashMap<>(256);
  private final List<Element> links = new ArrayList<>();

  /** An element's text as chars [start, end) of the walk's buffer, and its links as [linkFrom, linkTo). */
  private static final class Span {
    final int start;
    final int linkFrom;
    int end;
    int linkTo;
    String text;

    Span(int start, int linkFrom) {
      this.start = start;
      this.linkFrom = linkFrom;
    }
  }

  private SubtreeTexts() {}

  static SubtreeTexts of(Element root) {
    SubtreeTexts t = new SubtreeTexts();
    NodeTraversor.traverse(t.new Walker(), root);
    return t;
  }

  /** {@code e.text()}. */
  String text(Element e) {
    Span span = spans.get(e);
    if (span == null) {
      return e.text();
    }
    if (span.text == null) {
      int from = span.start;
      int to = span.end;
      while (from < to && all.charAt(from) <= ' ') {
        from++;
      }
      while (to > from && all.charAt(to - 1) <= ' ') {
        to--;
      }
      span.text = all.substring(from, to);
    }
    return span.text;
  }

  /**
   * Chars of link text over all chars of text, as {@code MainTextExtractor.linkDensity} defines it; links are
   * {@code e} itself when it is one and every {@code <a>} below it.
   */
  double linkDensity(Element e) {
    int len = text(e).length();
    if (len == 0) {
      return 0;
    }
    Span span = spans.get(e);
    double sum = 0;
    if (span == null) {
      for (Element a : e.getElementsByTag("a")) {
        sum += linkChars(a);
      }
    } else {
      for (int i = span.linkFrom; i < span.linkTo; i++) {
        sum += linkChars(links.get(i));
      }
    }
    return Math.min(1, sum / len);
  }

  private double linkChars(Element a) {
    double coeff = a.attr("href").startsWith("#") ? 0.3 : 1;
    return text(a).length() * coeff;
  }

  /** jsoup's {@code Element.TextAccumulator}, recording each element's span. */
  private final class Walker implements NodeVisitor {
    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode t) {
        String text = t.getWholeText();
        if (t instanceof CDataNode || preserveWhitespace(t.parentNode())) {
          all.append(text);
        } else {
          StringUtil.appendNormalisedWhitespace(all, text, lastCharIsSpace());
        }
      } else if (node instanceof Element e) {
        if (all.length() > 0 && needsLeadingSeparator(e) && !lastCharIsSpace()) {
          all.append(' ');
        }
        if (e.normalName().equals("a")) {
          links.add(e);
        }
        // Links: the run starts at this element (included when it is a link itself).
        int firstLink = e.normalName().equals("a") ? links.size() - 1 : links.size();
        spans.put(e, new Span(all.length(), firstLink));
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e) {
        Span span = spans.get(e);
        span.end = all.length();
        span.linkTo = links.size();
        Node next = e.nextSibling();
        if (needsTrailingSeparator(e)
            && (next instanceof TextNode || next instanceof Element n && n.tag().isInline())
            && !lastCharIsSpace()) {
          all.append(' ');
        }
      }
    }
  }

  private boolean lastCharIsSpace() {
    return all.length() != 0 && all.charAt(all.length() - 1) == ' ';
  }

  private static boolean needsLeadingSeparator(Element e) {
    return e.isBlock() || e.nameIs("br")
        || e.tag().is(Tag.TextBoundary) && e.childNodeSize() > 0 && e.hasText();
  }

  private static boolean needsTrailingSeparator(Element e) {
    return e.tag().is(Tag.TextBoundary) || !e.tag().isInline() || hasBlockChild(e);
  }

  private static boolean hasBlockChild(Element e) {
    for (int i = 0, n = e.childNodeSize(); i < n; i++) {
      if (e.childNode(i) instanceof Element c && c.isBlock()) {
        return true;
      }
    }
    return false;
  }

  private static boolean preserveWhitespace(Node node) {
    if (node instanceof Element el) {
      int i = 0;
      do {
        if (el.tag().preserveWhitespace()) {
          return true;
        }
        el = el.parent();
        i++;
      } while (i < 6 && el != null);
    }
    return false;
  }
}
