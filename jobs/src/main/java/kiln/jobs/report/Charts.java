package kiln.jobs.report;

import static kiln.jobs.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SVG charts drawn by hand: no charting library, no script, nothing fetched. */
final class Charts {
  private Charts() {}

  static final String KEPT = "#3b6fd8";
  static final String REJECTED = "#e8a33d";
  static final String TARGET = "#9aa3b5";

  /** A bar: label, kept count, rejected count. */
  record Bar(String label, long kept, long rejected) {}

  static void distributions(StringBuilder b, List<ReportWriter.StageData> stages) {
    b.append("<section id=\"distributions\"><h2>Distributions</h2><p class=\"legend\">")
        .append("<span><i class=sw style=\"background:").append(KEPT).append("\"></i>kept</span>")
        .append("<span><i class=sw style=\"background:").append(REJECTED).append("\"></i>rejected</span></p>\n");
    for (var s : stages) {
      JsonNode p = s.profile();
      if (p == null) {
        continue;
      }
      JsonNode m = p.path("metrics");
      b.append("<details class=\"stage-dist\"").append(s.name().equals("ingest") || s.name().startsWith("filter")
          ? " open" : "").append("><summary>").append(esc(s.name())).append("</summary><div class=grid>\n");
      histogram(b, "characters per document (log2 buckets)", bars(m.path("chars")));
      histogram(b, "words per document (log2 buckets)", bars(m.path("words")));
      barList(b, "languages (prose)", bars(m.path("lang")), 15);
      barList(b, "top domains", bars(m.path("domain")), 15);
      barList(b, "top-level domains", bars(m.path("tld")), 15);
      barList(b, "code languages", bars(m.path("code_lang")), 15);
      barList(b, "code licences", bars(m.path("license")), 12);
      barList(b, "sources", bars(m.path("source")), 12);
      histogram(b, "dedup cluster size (log2 buckets)", bars(m.path("cluster_size")));
      List<Bar> pii = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = m.path("pii").fields(); it.hasNext(); ) {
        var e = it.next();
        pii.add(new Bar(e.getKey(), e.getValue().asLong(), 0));
      }
      barList(b, "PII spans found", pii, 15);
      for (Iterator<Map.Entry<String, JsonNode>> it = p.path("signals").fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode sig = e.getValue();
        double lo = sig.path("min").asDouble();
        double hi = sig.path("max").asDouble();
        List<Bar> hb = new ArrayList<>();
        int n = sig.path("buckets").size();
        for (int i = 0; i < n; i++) {
          JsonNode kr = sig.path("buckets").get(i);
          double from = lo + (hi - lo) * i / n;
          hb.add(new Bar(num(from), kr.get(0).asLong(), kr.get(1).asLong()));
        }
        String title = "signal " + e.getKey() + (n > 0 ? " [" + num(lo) + ", " + num(hi) + "]" : "");
        if (sig.has("invalid")) {
          title += ", " + sig.path("invalid").asLong() + " not a number";
        }
        histogram(b, title, hb);
      }
      b.append("</div></details>\n");
    }
    b.append("</section>\n");
  }

  static void mixture(StringBuilder b, JsonNode mix) {
    b.append("<section id=\"mixture\"><h2>Mixture per phase</h2>");
    if (mix == null || !mix.has("phases")) {
      b.append("<p class=muted>No mix stage in this run.</p></section>\n");
      return;
    }
    b.append("<p class=\"legend\"><span><i class=sw style=\"background:").append(TARGET)
        .append("\"></i>target share</span><span><i class=sw style=\"background:").append(KEPT)
        .append("\"></i>achieved share</span></p>");
    for (JsonNode ph : mix.path("phases")) {
      b.append("<h3>").append(esc(ph.path("phase").asText())).append(" · ")
          .append(String.format(Locale.ROOT, "%,d", ph.path("achieved_tokens").asLong())).append(" of ")
          .append(String.format(Locale.ROOT, "%,d", ph.path("budget_tokens").asLong())).append(" tokens</h3>");
      List<String[]> rows = new ArrayList<>();
      int height = 0;
      StringBuilder svg = new StringBuilder();
      int y = 4;
      for (Iterator<Map.Entry<String, JsonNode>> it = ph.path("sources").fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode s = e.getValue();
        double target = s.path("target_share").asDouble();
        double got = s.path("achieved_share").asDouble();
        svg.append("<text x=\"0\" y=\"").append(y + 12).append("\">").append(esc(e.getKey())).append("</text>")
            .append(rect(100, y, (int) Math.round(target * 500), 8, TARGET, "target " + pct(target)))
            .append(rect(100, y + 9, (int) Math.round(got * 500), 8, KEPT, "achieved " + pct(got)))
            .append("<text x=\"").append(110 + (int) Math.round(Math.max(target, got) * 500)).append("\" y=\"")
            .append(y + 14).append("\">").append(pct(got)).append(" (target ").append(pct(target)).append(")</text>");
        y += 24;
        rows.add(new String[] {e.getKey(), pct(target), pct(got), String.format(Locale.ROOT, "%,d",
            s.path("requested_tokens").asLong()), String.format(Locale.ROOT, "%,d", s.path("achieved_tokens").asLong()),
            String.format(Locale.ROOT, "%.3f", s.path("epochs").asDouble()), s.path("max_epochs").asText()});
      }
      height = y + 4;
      b.append("<svg class=\"chart\" width=\"760\" height=\"").append(height).append("\">").append(svg).append("</svg>");
      b.append("<table><tr><th>source</th><th class=n>target</th><th class=n>achieved</th><th class=n>requested tokens</th>")
          .append("<th class=n>achieved tokens</th><th class=n>epochs</th><th class=n>max epochs</th></tr>");
      for (String[] r : rows) {
        b.append("<tr><td>").append(esc(r[0])).append("</td>");
        for (int i = 1; i < r.length; i++) {
          b.append("<td class=n>").append(esc(r[i])).append("</td>");
        }
        b.append("</tr>");
      }
      b.append("</table>");
      for (Iterator<Map.Entry<String, JsonNode>> it = ph.path("sources").fields(); it.hasNext(); ) {
        JsonNode s = it.next().getValue();
        if (s.path("short_tokens").asLong() > 0) {
          b.append("<p class=warn>Short: ").append(esc(s.path("short_reason").asText())).append("</p>");
        }
        JsonNode part = s.path("partial_document");
        if (part.isObject()) {
          b.append("<p class=muted>Partial document of ").append(esc(part.path("id").asText())).append(" (epoch ")
              .append(part.path("epoch").asInt()).append("): tokens [").append(part.path("token_start").asLong())
              .append(", ").append(String.format(Locale.ROOT, "%,d", part.path("token_end").asLong()))
              .append(") of ").append(String.format(Locale.ROOT, "%,d", part.path("doc_tokens").asLong()))
              .append("</p>");
        }
      }
      if (ph.has("megatron_data_path")) {
        b.append("<p class=muted>Megatron --data-path: <code>").append(esc(ph.path("megatron_data_path").asText()))
            .append("</code></p>");
      }
    }
    b.append("</section>\n");
  }

  static List<Bar> bars(JsonNode arr) {
    List<Bar> out = new ArrayList<>();
    for (JsonNode n : arr) {
      out.add(new Bar(n.path("label").asText(), n.path("kept").asLong(), n.path("rejected").asLong()));
    }
    return out;
  }

  /** Vertical stacked bars in bucket order. */
  static void histogram(StringBuilder b, String title, List<Bar> bars) {
    if (bars.isEmpty()) {
      return;
    }
    int w = 360;
    int h = 150;
    long max = 1;
    for (Bar x : bars) {
      max = Math.max(max, x.kept() + x.rejected());
    }
    double bw = (w - 10.0) / bars.size();
    StringBuilder svg = new StringBuilder();
    for (int i = 0; i < bars.size(); i++) {
      Bar x = bars.get(i);
      int hk = (int) Math.round(x.kept() * (h - 30.0) / max);
      int hr = (int) Math.round(x.rejected() * (h - 30.0) / max);
      int bx = (int) Math.round(5 + i * bw);
      int bwi = Math.max(1, (int) Math.floor(bw) - 1);
      String tip = x.label() + ": " + x.kept() + " kept, " + x.rejected() + " rejected";
      svg.append(rect(bx, h - 20 - hk, bwi, hk, KEPT, tip));
      svg.append(rect(bx, h - 20 - hk - hr, bwi, hr, REJECTED, tip));
    }
    svg.append("<text x=\"5\" y=\"").append(h - 5).append("\">").append(esc(bars.get(0).label())).append("</text>");
    svg.append("<text x=\"").append(w - 5).append("\" y=\"").append(h - 5).append("\" text-anchor=\"end\">")
        .append(esc(bars.get(bars.size() - 1).label())).append("</text>");
    box(b, title, "<svg class=\"chart histogram\" width=\"" + w + "\" height=\"" + h + "\">" + svg + "</svg>");
  }

  /** Horizontal stacked bars, largest first. */
  static void barList(StringBuilder b, String title, List<Bar> bars, int limit) {
    if (bars.isEmpty()) {
      return;
    }
    List<Bar> shown = bars.size() > limit ? bars.subList(0, limit) : bars;
    long max = 1;
    for (Bar x : shown) {
      max = Math.max(max, x.kept() + x.rejected());
    }
    int rowH = 18;
    int labelW = 120;
    int w = 360;
    StringBuilder svg = new StringBuilder();
    int y = 2;
    for (Bar x : shown) {
      int wk = (int) Math.round(x.kept() * (w - labelW - 60.0) / max);
      int wr = (int) Math.round(x.rejected() * (w - labelW - 60.0) / max);
      String label = x.label().length() > 18 ? x.label().substring(0, 17) + "…" : x.label();
      String tip = x.label() + ": " + x.kept() + " kept, " + x.rejected() + " rejected";
      svg.append("<text x=\"0\" y=\"").append(y + 12).append("\">").append(esc(label)).append("</text>")
          .append(rect(labelW, y, wk, 13, KEPT, tip)).append(rect(labelW + wk, y, wr, 13, REJECTED, tip))
          .append("<text x=\"").append(labelW + wk + wr + 4).append("\" y=\"").append(y + 12).append("\">")
          .append(x.kept() + x.rejected()).append("</text>");
      y += rowH;
    }
    String more = bars.size() > limit ? "<p class=muted>" + (bars.size() - limit) + " more not shown</p>" : "";
    box(b, title, "<svg class=\"chart bars\" width=\"" + w + "\" height=\"" + (y + 2) + "\">" + svg + "</svg>" + more);
  }

  private static void box(StringBuilder b, String title, String body) {
    b.append("<div class=\"chartbox\"><h3>").append(esc(title)).append("</h3>").append(body).append("</div>\n");
  }

  private static String rect(int x, int y, int w, int h, String fill, String tip) {
    if (w <= 0 || h <= 0) {
      return "";
    }
    return "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h + "\" fill=\"" + fill
        + "\"><title>" + esc(tip) + "</title></rect>";
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * share);
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
