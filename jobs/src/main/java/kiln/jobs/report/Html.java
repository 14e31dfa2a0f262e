package kiln.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.core.stats.StageStats;
import org.apache.spark.sql.Row;

/** Renders the report page. Every value from the data passes through {@link #esc}. */
final class Html {
  private Html() {}

  static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
      header{background:#23283a;color:#fff;padding:16px 28px}header h1{margin:0;font-size:20px}
      header p{margin:4px 0 0;color:#b9c0d4}main{padding:20px 28px;max-width:1200px}
      section{background:#fff;border:1px solid #e1e4ea;border-radius:8px;padding:16px 20px;margin:0 0 18px}
      h2{font-size:16px;margin:0 0 12px}table{border-collapse:collapse;width:100%}
      th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eef0f4;vertical-align:top}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#6b7385}.warn{color:#b3261e}
      pre.doc{white-space:pre-wrap;word-break:break-word;background:#fafbfc;border:1px solid #eef0f4;
      padding:8px;max-height:220px;overflow:auto;font-size:12px}details{margin:4px 0}
      nav.toc{padding:8px 28px;background:#fff;border-bottom:1px solid #e1e4ea}nav.toc a{margin-right:14px;color:#3b6fd8}
      .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:14px}
      .chartbox h3{font-size:13px;margin:4px 0;color:#454c5e}.legend span{display:inline-block;margin-right:12px}
      .sw{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
      .up{color:#1a7f37}.down{color:#b42318}svg text{font:12px system-ui,sans-serif}
      .pair{display:grid;grid-template-columns:1fr 1fr;gap:14px}.pair>div{min-width:0}
      pre.snippet{max-height:90px;margin:0}.score-chart{margin:0 0 22px}
      """;

  static String page(String runDir, List<ReportWriter.StageData> stages, List<ReportWriter.StageData> other,
                     String compareDir, JsonNode manifest, JsonNode mix, JsonNode scores) {
    StringBuilder b = new StringBuilder(1 << 16);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>Kiln report</title><style>").append(CSS).append("</style></head><body>\n");
    b.append("<header><h1>Kiln run report</h1><p>").append(esc(runDir)).append("</p></header>\n")
        .append("<nav class=toc><a href=\"#funnel\">Funnel</a> <a href=\"#reasons\">Reasons</a> ")
        .append("<a href=\"#distributions\">Distributions</a> <a href=\"#scores\">Model scores</a> ")
        .append("<a href=\"#mixture\">Mixture</a> ")
        .append("<a href=\"#shards\">Shards</a> <a href=\"#samples\">Rejected samples</a></nav><main>\n");
    funnel(b, stages);
    if (!other.isEmpty()) {
      compare(b, stages, other, compareDir);
    }
    reasons(b, stages);
    Charts.distributions(b, stages);
    ScoreChartHtml.section(b, scores);
    Charts.mixture(b, mix);
    shards(b, manifest);
    samples(b, stages);
    b.append("</main></body></html>\n");
    return b.toString();
  }

  static void funnel(StringBuilder b, List<ReportWriter.StageData> stages) {
    b.append("<section id=\"funnel\"><h2>Funnel</h2>\n");
    long max = 1;
    for (var s : stages) {
      max = Math.max(max, s.stats().docsIn());
    }
    int rowH = 26;
    int w = 760;
    int labelW = 110;
    b.append("<svg class=\"chart\" role=\"img\" aria-label=\"documents per stage\" width=\"").append(w)
        .append("\" height=\"").append(rowH * stages.size() + 10).append("\">");
    int y = 4;
    for (var s : stages) {
      StageStats st = s.stats();
      double scale = (w - labelW - 160) / (double) max;
      int kept = (int) Math.round(st.docsKept() * scale);
      int rej = (int) Math.round(st.docsRejected() * scale);
      b.append("<text x=\"0\" y=\"").append(y + 16).append("\">").append(esc(s.name())).append("</text>");
      b.append("<rect class=\"bar kept\" x=\"").append(labelW).append("\" y=\"").append(y).append("\" width=\"")
          .append(Math.max(kept, 1)).append("\" height=\"20\" fill=\"#3b6fd8\"><title>kept ")
          .append(ReportWriter.fmt(st.docsKept())).append("</title></rect>");
      b.append("<rect class=\"bar rejected\" x=\"").append(labelW + kept).append("\" y=\"").append(y)
          .append("\" width=\"").append(rej).append("\" height=\"20\" fill=\"#e8a33d\"><title>rejected ")
          .append(ReportWriter.fmt(st.docsRejected())).append("</title></rect>");
      b.append("<text x=\"").append(labelW + kept + rej + 6).append("\" y=\"").append(y + 16).append("\">")
          .append(ReportWriter.fmt(st.docsKept())).append(" / ").append(ReportWriter.fmt(st.docsIn()))
          .append("</text>");
      y += rowH;
    }
    b.append("</svg>\n<table><tr><th>stage</th><th class=n>docs in</th><th class=n>kept</th><th class=n>rejected</th>")
        .append("<th class=n>MB in</th><th class=n>MB kept</th><th class=n>tokens</th><th class=n>seconds</th></tr>\n");
    for (var s : stages) {
      StageStats st = s.stats();
      Object tokens = st.extra().get("tokens");
      b.append("<tr><td>").append(esc(s.name())).append("</td><td class=n>").append(ReportWriter.fmt(st.docsIn()))
          .append("</td><td class=n>").append(ReportWriter.fmt(st.docsKept()))
          .append("</td><td class=n>").append(ReportWriter.fmt(st.docsRejected()))
          .append("</td><td class=n>").append(mb(st.bytesIn()))
          .append("</td><td class=n>").append(mb(st.bytesKept()))
          .append("</td><td class=n>").append(tokens == null ? "" : ReportWriter.fmt(((Number) tokens).longValue()))
          .append("</td><td class=n>").append(String.format(Locale.ROOT, "%.1f", st.wallSeconds()))
          .append("</td></tr>\n");
    }
    b.append("</table></section>\n");
  }

  static void compare(StringBuilder b, List<ReportWriter.StageData> a, List<ReportWriter.StageData> other,
                      String compareDir) {
    b.append("<section id=\"compare\"><h2>Compared with ").append(esc(compareDir)).append("</h2>")
        .append("<table><tr><th>stage</th><th>reason</th><th class=n>this run</th><th class=n>other run</th>")
        .append("<th class=n>delta</th></tr>\n");
    for (var s : a) {
      var o = other.stream().filter(x -> x.name().equals(s.name())).findFirst().orElse(null);
      long oKept = o == null ? 0 : o.stats().docsKept();
      row(b, s.name(), "kept", s.stats().docsKept(), oKept);
      java.util.TreeSet<String> keys = new java.util.TreeSet<>(s.stats().reasons().keySet());
      if (o != null) {
        keys.addAll(o.stats().reasons().keySet());
      }
      for (String k : keys) {
        row(b, s.name(), k, s.stats().reasons().getOrDefault(k, 0L),
            o == null ? 0 : o.stats().reasons().getOrDefault(k, 0L));
      }
    }
    b.append("</table></section>\n");
  }

  private static void row(StringBuilder b, String stage, String what, long mine, long theirs) {
    long d = mine - theirs;
    b.append("<tr><td>").append(esc(stage)).append("</td><td>").append(esc(what)).append("</td><td class=n>")
        .append(ReportWriter.fmt(mine)).append("</td><td class=n>").append(ReportWriter.fmt(theirs))
        .append("</td><td class=\"n ").append(d > 0 ? "up" : d < 0 ? "down" : "").append("\">")
        .append(d > 0 ? "+" : "").append(ReportWriter.fmt(d)).append("</td></tr>\n");
  }

  static void reasons(StringBuilder b, List<ReportWriter.StageData> stages) {
    b.append("<section id=\"reasons\"><h2>Removal reasons</h2><table><tr><th>stage</th><th>reason</th>")
        .append("<th class=n>documents</th><th class=n>share of stage input</th></tr>\n");
    for (var s : stages) {
      for (Map.Entry<String, Long> e : s.stats().reasons().entrySet()) {
        double share = s.stats().docsIn() == 0 ? 0 : 100.0 * e.getValue() / s.stats().docsIn();
        b.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(esc(e.getKey()))
            .append("</td><td class=n>").append(ReportWriter.fmt(e.getValue())).append("</td><td class=n>")
            .append(String.format(Locale.ROOT, "%.2f%%", share)).append("</td></tr>\n");
      }
    }
    b.append("</table></section>\n");
  }

  static void shards(StringBuilder b, JsonNode manifest) {
    b.append("<section id=\"shards\"><h2>Shards</h2>");
    if (manifest == null) {
      b.append("<p class=muted>No shards/manifest.json in this run.</p></section>\n");
      return;
    }
    b.append("<p>").append(esc(manifest.path("format").asText(""))).append(" · tokenizer ")
        .append(esc(manifest.path("tokenizer").asText(""))).append(" · vocab ")
        .append(esc(manifest.path("vocab_size").asText(""))).append("</p>");
    b.append("<table><tr><th>shard</th><th class=n>documents</th><th class=n>tokens</th><th>sha256</th></tr>\n");
    for (JsonNode s : manifest.path("shards")) {
      b.append("<tr><td>").append(esc(s.path("name").asText(s.path("prefix").asText(""))))
          .append("</td><td class=n>").append(ReportWriter.fmt(s.path("documents").asLong()))
          .append("</td><td class=n>").append(ReportWriter.fmt(s.path("tokens").asLong()))
          .append("</td><td><code>").append(esc(firstSha(s))).append("</code></td></tr>\n");
    }
    b.append("</table></section>\n");
  }

  private static String firstSha(JsonNode shard) {
    JsonNode files = shard.path("files");
    if (files.isArray() && files.size() > 0) {
      return files.get(0).path("sha256").asText("");
    }
    if (files.isObject()) {
      var it = files.elements();
      if (it.hasNext()) {
        JsonNode f = it.next();
        return f.isTextual() ? f.asText() : f.path("sha256").asText("");
      }
    }
    return shard.path("sha256").asText("");
  }

  static void samples(StringBuilder b, List<ReportWriter.StageData> stages) {
    b.append("<section id=\"samples\"><h2>Rejected documents (samples per reason)</h2>\n");
    for (var s : stages) {
      for (Row r : s.samples()) {
        b.append("<details class=\"sample\"><summary>").append(esc(s.name())).append(" · ")
            .append(esc(r.getString(0))).append(" · ").append(esc(r.getString(1)))
            .append(r.isNullAt(2) ? "" : " · " + esc(r.getString(2))).append("</summary><pre class=\"doc\">")
            .append(esc(r.isNullAt(3) ? "" : r.getString(3))).append("</pre></details>\n");
      }
    }
    b.append("</section>\n");
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.2f", bytes / 1e6);
  }

  /** Escapes text for HTML element content and quoted attributes. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
