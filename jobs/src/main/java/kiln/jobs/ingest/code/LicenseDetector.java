package kiln.jobs.ingest.code;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SPDX licence ids from licence texts, per-file headers and Debian copyright files.
 *
 * <p>Rules, first match wins: an {@code SPDX-License-Identifier:} line; then distinctive phrases of the common
 * licences (GPL/LGPL/AGPL with their version, Apache-2.0, MPL-2.0, EPL, MIT's "Permission is hereby granted, free
 * of charge", BSD 2/3-clause by the presence of the non-endorsement clause, ISC, Unlicense, Zlib, BSL-1.0,
 * Artistic, CC0). "or (at your option) any later version" turns GPL-2.0 into GPL-2.0-or-later.
 */
public final class LicenseDetector {
  private LicenseDetector() {}

  private static final Pattern SPDX = Pattern.compile("SPDX-License-Identifier:\\s*([A-Za-z0-9.+\\-() ]+?)\\s*(\\*/|-->|$)",
      Pattern.MULTILINE);
  private static final Pattern DEP5_LICENSE = Pattern.compile("^License:\\s*(\\S.*?)\\s*$", Pattern.MULTILINE);
  private static final Map<String, String> DEBIAN = Map.ofEntries(
      Map.entry("expat", "MIT"), Map.entry("mit", "MIT"),
      Map.entry("gpl-1+", "GPL-1.0-or-later"), Map.entry("gpl-2", "GPL-2.0-only"),
      Map.entry("gpl-2+", "GPL-2.0-or-later"), Map.entry("gpl-3", "GPL-3.0-only"),
      Map.entry("gpl-3+", "GPL-3.0-or-later"), Map.entry("lgpl-2", "LGPL-2.0-only"),
      Map.entry("lgpl-2+", "LGPL-2.0-or-later"), Map.entry("lgpl-2.1", "LGPL-2.1-only"),
      Map.entry("lgpl-2.1+", "LGPL-2.1-or-later"), Map.entry("lgpl-3", "LGPL-3.0-only"),
      Map.entry("lgpl-3+", "LGPL-3.0-or-later"), Map.entry("apache-2.0", "Apache-2.0"),
      Map.entry("bsd-2-clause", "BSD-2-Clause"), Map.entry("bsd-3-clause", "BSD-3-Clause"),
      Map.entry("isc", "ISC"), Map.entry("zlib", "Zlib"), Map.entry("mpl-2.0", "MPL-2.0"),
      Map.entry("artistic", "Artistic-1.0-Perl"), Map.entry("artistic-2.0", "Artistic-2.0"),
      Map.entry("public-domain", "LicenseRef-public-domain"), Map.entry("unlicense", "Unlicense"),
      Map.entry("cc0-1.0", "CC0-1.0"), Map.entry("bsl-1.0", "BSL-1.0"), Map.entry("fsfap", "FSFAP"),
      Map.entry("fsful", "FSFUL"), Map.entry("x11", "X11"));

  /** The SPDX id of a licence text or a file header, or null. Only the first {@code 16 KB} are read. */
  public static String detect(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String t = text.length() > 16384 ? text.substring(0, 16384) : text;
    Matcher m = SPDX.matcher(t);
    if (m.find()) {
      return m.group(1).strip();
    }
    String n = t.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    boolean later = n.contains("any later version");
    if (n.contains("gnu affero general public license")) {
      return later ? "AGPL-3.0-or-later" : "AGPL-3.0-only";
    }
    if (n.contains("gnu lesser general public license") || n.contains("gnu library general public license")) {
      String v = n.contains("version 3") ? "3.0" : n.contains("version 2.1") ? "2.1" : "2.0";
      return "LGPL-" + v + (later ? "-or-later" : "-only");
    }
    if (n.contains("gnu general public license")) {
      String v = n.contains("version 3") ? "3.0" : n.contains("version 2") ? "2.0" : n.contains("version 1") ? "1.0"
          : null;
      if (v != null) {
        return "GPL-" + v + (later ? "-or-later" : "-only");
      }
    }
    if (n.contains("apache license") && (n.contains("version 2.0") || n.contains("apache.org/licenses/license-2.0"))) {
      return "Apache-2.0";
    }
    if (n.contains("mozilla public license") && (n.contains("version 2.0") || n.contains("v. 2.0"))) {
      return "MPL-2.0";
    }
    if (n.contains("eclipse public license")) {
      return n.contains("v 2.0") || n.contains("version 2.0") || n.contains("- v2.0") ? "EPL-2.0" : "EPL-1.0";
    }
    if (n.contains("permission is hereby granted, free of charge")) {
      return "MIT";
    }
    if (n.contains("redistribution and use in source and binary forms")) {
      return n.contains("neither the name") || n.contains("endorse or promote") ? "BSD-3-Clause" : "BSD-2-Clause";
    }
    if (n.contains("permission to use, copy, modify, and/or distribute this software for any purpose")) {
      return "ISC";
    }
    if (n.contains("this is free and unencumbered software released into the public domain")) {
      return "Unlicense";
    }
    if (n.contains("boost software license")) {
      return "BSL-1.0";
    }
    if (n.contains("the artistic license 2.0")) {
      return "Artistic-2.0";
    }
    if (n.contains("provided 'as-is', without any express or implied warranty")
        && n.contains("altered source versions must be plainly marked")) {
      return "Zlib";
    }
    if (n.contains("cc0 1.0 universal")) {
      return "CC0-1.0";
    }
    if (n.contains("eclipse distribution license")) {
      return "BSD-3-Clause";
    }
    return null;
  }

  /**
   * The licence of the {@code Files: *} paragraph of a machine-readable Debian copyright file (DEP-5), Debian
   * short names mapped to SPDX; else the first {@code License:} field; null if none.
   */
  public static String debianCopyright(String text) {
    String t = text.replace("\r\n", "\n");
    String chosen = null;
    for (String para : t.split("\n\\s*\n")) {
      Matcher m = DEP5_LICENSE.matcher(para);
      if (!m.find()) {
        continue;
      }
      if (para.matches("(?s)(^|.*\n)Files:\\s*\\*\\s*(\n.*|$)")) {
        return debianToSpdx(m.group(1));
      }
      if (chosen == null) {
        chosen = m.group(1);
      }
    }
    return chosen == null ? detect(t) : debianToSpdx(chosen);
  }

  static String debianToSpdx(String expr) {
    StringBuilder out = new StringBuilder();
    for (String part : expr.strip().split("\\s+")) {
      String lower = part.toLowerCase(Locale.ROOT);
      if (lower.equals("or") || lower.equals("and") || lower.equals("with")) {
        out.append(' ').append(lower.toUpperCase(Locale.ROOT)).append(' ');
      } else {
        out.append(DEBIAN.getOrDefault(lower, part));
      }
    }
    return out.toString().strip();
  }
}
