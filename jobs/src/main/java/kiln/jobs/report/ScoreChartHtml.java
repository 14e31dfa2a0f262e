package kiln.jobs.report;

import static kiln.jobs.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's "Model scores" section: per model-score filter ({@link ScoreCharts}) a histogram of its score, kept
 * and rejected by that filter stacked, the cut-off drawn as a labelled line, the counts on each side and the
 * documents nearest to the cut-off on each side. SVG drawn here, no script.
 */
final class ScoreChartHtml {
  private ScoreChartHtml() {}

  static final String CUTOFF = "#b3261e";
  private static final int W = 760;
  private static final int H = 230;
  private static final int X0 = 56;
  private static final int X1 = W - 16;
  private static final int TOP = 28;
  private static final int BASE = H - 34;

  static void section(StringBuilder b, JsonNode charts) {
    b.append("<section id=\"scores\"><h2>Model scores</h2>");
    if (charts == null || charts.isEmpty()) {
      b.append("<p class=muted>No model-score filter (quality_classifier, perplexity) in this run.</p></section>\n");
      return;
    }
    b.append("<p class=\"legend\"><span><i class=sw style=\"background:").append(Charts.KEPT)
        .append("\"></i>kept by the filter</span><span><i class=sw style=\"background:").append(Charts.REJECTED)
        .append("\"></i>rejected by the filter</span><span><i class=sw style=\"background:").append(CUTOFF)
        .append("\"></i>cut-off</span></p>\n");
    for (JsonNode c : charts) {
      chart(b, c);
    }
    b.append("</section>\n");
  }

  private static void chart(StringBuilder b, JsonNode c) {
    String filter = c.path("filter").asText();
    String signal = c.path("signal").asText();
    String cutLabel = c.path("cutoff_key").asText() + " " + Charts.num(c.path("cutoff").asDouble());
    boolean keepAbove = "above".equals(c.path("keep").asText());
    b.append("<div class=\"score-chart\" data-filter=\"").append(esc(filter)).append("\"><h3>")
        .append(esc(c.path("stage").asText())).append(" · ").append(esc(filter)).append(" · signal ")
        .append(esc(signal)).append(" (").append(esc(cutLabel)).append(", keeps scores ")
        .append(keepAbove ? "above it" : "at or below it").append(")</h3>\n");
    long scored = c.path("scored").asLong();
    b.append("<p class=muted>").append(ReportWriter.fmt(scored)).append(" of ")
        .append(ReportWriter.fmt(c.path("docs").asLong())).append(" documents scored");
    if (c.path("unscored").asLong() > 0) {
      b.append("; ").append(ReportWriter.fmt(c.path("unscored").asLong()))
          .append(" without a score (rejected by an earlier filter, or nothing to score)");
    }
    if (c.path("invalid").asLong() > 0) {
      b.append("; ").append(ReportWriter.fmt(c.path("invalid").asLong())).append(" not a number");
    }
    b.append(c.path("scale").asText().equals("log") ? "; log scale" : "").append(".</p>\n");
    if (scored == 0) {
      b.append("</div>\n");
      return;
    }
    histogram(b, c, cutLabel);
    sides(b, c, keepAbove);
    b.append("<div class=pair>");
    examples(b, c.path("examples").path("above"), "Just above the cut-off (nearest first)", "above");
    examples(b, c.path("examples").path("below"), "Just at or below the cut-off (nearest first)", "below");
    b.append("</div></div>\n");
  }

  private static void histogram(StringBuilder b, JsonNode c, String cutLabel) {
    boolean log = c.path("scale").asText().equals("log");
    JsonNode edges = c.path("edges");
    JsonNode buckets = c.path("buckets");
    int n = buckets.size();
    double lo = axis(edges.get(0).asDouble(), log);
    double hi = axis(edges.get(n).asDouble(), log);
    long max = 1;
    for (JsonNode kr : buckets) {
      max = Math.max(max, kr.get(0).asLong() + kr.get(1).asLong());
    }
    double bw = (X1 - X0) / (double) n;
    StringBuilder svg = new StringBuilder();
    svg.append("<line x1=\"").append(X0).append("\" y1=\"").append(BASE).append("\" x2=\"").append(X1)
        .append("\" y2=\"").append(BASE).append("\" stroke=\"#9aa3b5\"/>");
    svg.append("<text x=\"").append(X0 - 4).append("\" y=\"").append(TOP + 4).append("\" text-anchor=\"end\">")
        .append(max).append("</text><text x=\"").append(X0 - 4).append("\" y=\"").append(BASE)
        .append("\" text-anchor=\"end\">0</text>");
    for (int i = 0; i < n; i++) {
      long kept = buckets.get(i).get(0).asLong();
      long rej = buckets.get(i).get(1).asLong();
      int hk = (int) Math.round(kept * (double) (BASE - TOP) / max);
      int hr = (int) Math.round(rej * (double) (BASE - TOP) / max);
      int x = (int) Math.round(X0 + i * bw);
      int w = Math.max(1, (int) Math.round(X0 + (i + 1) * bw) - x - 1);
      String tip = "(" + Charts.num(edges.get(i).asDouble()) + ", " + Charts.num(edges.get(i + 1).asDouble())
          + "]: " + kept + " kept, " + rej + " rejected";
      svg.append(bar(x, BASE - hk, w, hk, Charts.KEPT, tip)).append(bar(x, BASE - hk - hr, w, hr, Charts.REJECTED, tip));
    }
    for (double t : ticks(lo, hi, log)) {
      int x = (int) Math.round(X0 + (t - lo) / (hi - lo) * (X1 - X0));
      svg.append("<line x1=\"").append(x).append("\" y1=\"").append(BASE).append("\" x2=\"").append(x)
          .append("\" y2=\"").append(BASE + 4).append("\" stroke=\"#9aa3b5\"/><text class=\"tick\" x=\"").append(x)
          .append("\" y=\"").append(BASE + 17).append("\" text-anchor=\"middle\">")
          .append(esc(Charts.num(log ? Math.pow(10, t) : t))).append("</text>");
    }
    int cx = (int) Math.round(X0 + c.path("cutoff_edge").asInt() * bw);
    String anchor = cx > (X0 + X1) / 2 ? "end" : "start";
    int lx = anchor.equals("end") ? cx - 5 : cx + 5;
    svg.append("<line class=\"cutoff\" x1=\"").append(cx).append("\" y1=\"").append(TOP - 14).append("\" x2=\"")
        .append(cx).append("\" y2=\"").append(BASE + 4).append("\" stroke=\"").append(CUTOFF)
        .append("\" stroke-width=\"2\" stroke-dasharray=\"5 3\"><title>").append(esc(cutLabel))
        .append("</title></line>");
    svg.append("<text class=\"cutoff-label\" x=\"").append(lx).append("\" y=\"").append(TOP - 4)
        .append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(CUTOFF).append("\">")
        .append(esc(cutLabel)).append("</text>");
    svg.append("<text x=\"").append((X0 + X1) / 2).append("\" y=\"").append(H - 2)
        .append("\" text-anchor=\"middle\" class=muted>").append(esc(c.path("signal").asText()))
        .append(log ? " (log scale)" : "").append("</text>");
    b.append("<svg class=\"chart score-histogram\" role=\"img\" aria-label=\"histogram of ")
        .append(esc(c.path("filter").asText())).append(" scores\" width=\"").append(W).append("\" height=\"")
        .append(H).append("\">").append(svg).append("</svg>\n");
  }

  private static double axis(double v, boolean log) {
    return log ? Math.log10(v) : v;
  }

  /** Axis positions of the tick labels: powers of ten on a log axis, five even steps on a linear one. */
  static List<Double> ticks(double lo, double hi, boolean log) {
    List<Double> out = new ArrayList<>();
    if (log) {
      for (double p = Math.ceil(lo); p <= Math.floor(hi); p++) {
        out.add(p);
      }
      if (out.size() >= 2) {
        return out;
      }
      out.clear();
    }
    for (int i = 0; i <= 4; i++) {
      out.add(lo + (hi - lo) * i / 4);
    }
    return out;
  }

  private static void sides(StringBuilder b, JsonNode c, boolean keepAbove) {
    JsonNode s = c.path("sides");
    b.append("<table class=\"score-sides\"><tr><th>side of the cut-off</th><th class=n>documents</th>")
        .append("<th class=n>kept</th><th class=n>rejected</th></tr>");
    for (String side : new String[] {"above", "below"}) {
      long k = s.path(side).path("kept").asLong();
      long r = s.path(side).path("rejected").asLong();
      boolean keptSide = side.equals("above") == keepAbove;
      b.append("<tr><td>").append(side.equals("above") ? "above" : "at or below").append(keptSide
          ? " (kept side)" : " (rejected side)").append("</td><td class=n>").append(ReportWriter.fmt(k + r))
          .append("</td><td class=n>").append(ReportWriter.fmt(k)).append("</td><td class=n>")
          .append(ReportWriter.fmt(r)).append("</td></tr>");
    }
    b.append("</table>\n");
  }

  private static void examples(StringBuilder b, JsonNode rows, String title, String side) {
    b.append("<div class=\"chartbox score-examples ").append(side).append("\"><h3>").append(esc(title))
        .append("</h3>");
    if (rows.isEmpty()) {
      b.append("<p class=muted>none</p></div>");
      return;
    }
    b.append("<table><tr><th>id</th><th class=n>score</th><th>verdict</th></tr>");
    for (JsonNode e : rows) {
      String verdict = e.path("rejected").asBoolean() ? "rejected"
          : e.has("reason") ? "passed; then " + e.path("reason").asText() : "kept";
      b.append("<tr class=\"example\"><td><code>").append(esc(e.path("id").asText())).append("</code></td>")
          .append("<td class=n>").append(esc(e.path("value").asText())).append("</td><td>").append(esc(verdict))
          .append("</td></tr><tr><td colspan=3><pre class=\"doc snippet\">").append(esc(e.path("text").asText()))
          .append("</pre></td></tr>");
    }
    b.append("</table></div>");
  }

  private static String bar(int x, int y, int w, int h, String fill, String tip) {
    if (w <= 0 || h <= 0) {
      return "";
    }
    return "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h + "\" fill=\"" + fill
        + "\"><title>" + esc(tip) + "</title></rect>";
  }
}
