package kiln.jobs.demo;

/**
 * Renders a Markdown page as a web page with the furniture of a real site (navigation, cookie banner,
 * footer), so that main-text extraction in the demo has boilerplate to remove. Handles the Markdown the
 * project's docs use: headings, paragraphs, lists, fenced code and tables (kept as preformatted text).
 */
final class MarkdownPage {
  private MarkdownPage() {}

  static String render(String name, String markdown) {
    StringBuilder body = new StringBuilder();
    String title = name;
    boolean inCode = false;
    boolean inList = false;
    StringBuilder para = new StringBuilder();
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        flush(body, para);
        if (inList) {
          body.append("</ul>\n");
          inList = false;
        }
        body.append(inCode ? "</code></pre>\n" : "<pre><code>");
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        body.append(escape(line)).append('\n');
        continue;
      }
      String t = line.strip();
      if (t.isEmpty()) {
        flush(body, para);
        if (inList) {
          body.append("</ul>\n");
          inList = false;
        }
      } else if (t.startsWith("#")) {
        flush(body, para);
        int level = 0;
        while (level < t.length() && t.charAt(level) == '#') {
          level++;
        }
        String text = t.substring(level).strip();
        if (level == 1 && title.equals(name)) {
          title = text;
        }
        body.append("<h").append(Math.min(level, 6)).append('>').append(escape(text))
            .append("</h").append(Math.min(level, 6)).append(">\n");
      } else if (t.startsWith("- ") || t.startsWith("* ")) {
        flush(body, para);
        if (!inList) {
          body.append("<ul>\n");
          inList = true;
        }
        body.append("<li>").append(escape(t.substring(2))).append("</li>\n");
      } else if (t.startsWith("|")) {
        flush(body, para);
        body.append("<pre>").append(escape(t)).append("</pre>\n");
      } else if (inList && line.startsWith("  ")) {
        body.append("<li>").append(escape(t)).append("</li>\n");
      } else {
        para.append(para.length() == 0 ? "" : " ").append(t);
      }
    }
    flush(body, para);
    if (inList) {
      body.append("</ul>\n");
    }
    if (inCode) {
      body.append("</code></pre>\n");
    }
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
        + " - Kiln</title></head>\n<body>\n"
        + "<div id=\"cookie-banner\" class=\"cookie-consent\">We use cookies to improve your experience. "
        + "<a href=\"/privacy\">Privacy policy</a> <button>Accept all</button></div>\n"
        + "<header><nav class=\"site-nav\"><a href=\"/\">Home</a> | <a href=\"/docs/\">Docs</a> | "
        + "<a href=\"/download\">Download</a> | <a href=\"/community\">Community</a></nav></header>\n"
        + "<main><article>\n" + body + "</article></main>\n"
        + "<footer class=\"site-footer\"><p>Copyright 2026 the Kiln developers. "
        + "<a href=\"/terms\">Terms</a> | <a href=\"/privacy\">Privacy</a> | <a href=\"/contact\">Contact</a></p>"
        + "</footer>\n</body></html>\n";
  }

  private static void flush(StringBuilder body, StringBuilder para) {
    if (para.length() > 0) {
      body.append("<p>").append(escape(para.toString())).append("</p>\n");
      para.setLength(0);
    }
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
