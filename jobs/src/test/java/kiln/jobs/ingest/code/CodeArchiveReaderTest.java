package kiln.jobs.ingest.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import kiln.jobs.ingest.IngestReasons;
import kiln.jobs.ingest.IngestRecord;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeArchiveReaderTest {
  static final String MIT = "MIT License\n\nCopyright (c) 2026 Kiln\n\nPermission is hereby granted, free of charge, "
      + "to any person obtaining a copy of this software...\n";
  static final String JAVA = "package demo;\n\npublic class Main {\n  public static void main(String[] a) {}\n}\n";
  static final String APACHE_HEADER = "// SPDX-License-Identifier: Apache-2.0\nint main(void) { return 0; }\n";

  static Map<String, byte[]> files() {
    Map<String, byte[]> m = new TreeMap<>();
    m.put("demo-1.0/LICENSE", MIT.getBytes(StandardCharsets.UTF_8));
    m.put("demo-1.0/src/Main.java", JAVA.getBytes(StandardCharsets.UTF_8));
    m.put("demo-1.0/src/main.c", APACHE_HEADER.getBytes(StandardCharsets.UTF_8));
    m.put("demo-1.0/bin/run", "#!/usr/bin/env python3\nprint('hi')\n".getBytes(StandardCharsets.UTF_8));
    m.put("demo-1.0/node_modules/x/index.js", "module.exports = 1;\n".getBytes(StandardCharsets.UTF_8));
    m.put("demo-1.0/web/app.min.js", "var a=1;".getBytes(StandardCharsets.UTF_8));
    m.put("demo-1.0/gen/api.pb.go", "package api\n".getBytes(StandardCharsets.UTF_8));
    m.put("demo-1.0/src/blob.c", new byte[] {'i', 'n', 't', 0, 1, 2, 3});
    m.put("demo-1.0/src/empty.py", new byte[0]);
    m.put("demo-1.0/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    m.put("../evil.sh", "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.UTF_8));
    m.put("/etc/passwd.py", "x = 1\n".getBytes(StandardCharsets.UTF_8));
    return m;
  }

  static Map<String, IngestRecord> read(Path archive, CodeOptions opts) {
    Map<String, IngestRecord> out = new TreeMap<>();
    try (CodeArchiveReader r = new CodeArchiveReader(archive, archive.getFileName().toString(), "code", opts)) {
      for (IngestRecord rec : r) {
        out.put(rec.doc().meta().get("offset"), rec);
      }
    }
    return out;
  }

  static void checkCommon(Map<String, IngestRecord> recs, String repo) {
    IngestRecord main = recs.get("demo-1.0/src/Main.java");
    assertNull(main.reason());
    assertEquals("java", main.doc().lang());
    assertEquals("MIT", main.doc().meta().get("license"));
    assertEquals(repo, main.doc().meta().get("repo"));
    assertEquals(JAVA, main.doc().text());
    assertEquals("Apache-2.0", recs.get("demo-1.0/src/main.c").doc().meta().get("license"));
    assertEquals("c", recs.get("demo-1.0/src/main.c").doc().lang());
    assertEquals("python", recs.get("demo-1.0/bin/run").doc().lang());
    assertEquals(IngestReasons.VENDORED, recs.get("demo-1.0/node_modules/x/index.js").reason());
    assertEquals(IngestReasons.MINIFIED, recs.get("demo-1.0/web/app.min.js").reason());
    assertEquals(IngestReasons.GENERATED, recs.get("demo-1.0/gen/api.pb.go").reason());
    assertEquals(IngestReasons.BINARY, recs.get("demo-1.0/src/blob.c").reason());
    assertEquals(IngestReasons.EMPTY, recs.get("demo-1.0/src/empty.py").reason());
    assertEquals(IngestReasons.NOT_SOURCE, recs.get("demo-1.0/logo.png").reason());
    assertEquals(IngestReasons.NOT_SOURCE, recs.get("demo-1.0/LICENSE").reason());
    assertEquals(IngestReasons.PATH_TRAVERSAL, recs.get("../evil.sh").reason());
    assertEquals(IngestReasons.PATH_TRAVERSAL, recs.get("/etc/passwd.py").reason());
  }

  @Test
  void zipWithTraversalAndBombIsRejectedWithReasons(@TempDir Path dir) throws IOException {
    Path zip = dir.resolve("demo-1.0.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Map.Entry<String, byte[]> e : files().entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
      // 16 MiB of zeros deflates about 1000:1: far past the 200:1 ratio limit.
      z.putNextEntry(new ZipEntry("demo-1.0/src/bomb.c"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 16; i++) {
        z.write(zeros);
      }
      z.closeEntry();
    }
    Map<String, IngestRecord> recs = read(zip, CodeOptions.defaults());
    assertEquals(files().size() + 1, recs.size());
    checkCommon(recs, "demo-1.0");
    assertEquals(IngestReasons.ZIP_BOMB, recs.get("demo-1.0/src/bomb.c").reason());
    assertEquals("demo-1.0.zip", recs.get("../evil.sh").doc().meta().get("file"));
  }

  @Test
  void tarGzAndDirectoryGiveTheSameDocuments(@TempDir Path dir) throws IOException {
    Path tgz = dir.resolve("demo-1.0.tar.gz");
    try (OutputStream o = Files.newOutputStream(tgz);
         TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(o))) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : files().entrySet()) {
        TarArchiveEntry te = new TarArchiveEntry(e.getKey(), true);
        te.setSize(e.getValue().length);
        t.putArchiveEntry(te);
        t.write(e.getValue());
        t.closeArchiveEntry();
      }
    }
    Map<String, IngestRecord> recs = read(tgz, CodeOptions.defaults());
    assertEquals(files().size(), recs.size());
    checkCommon(recs, "demo-1.0");
  }

  @Test
  void archiveTotalAndEntryCountAreBounded(@TempDir Path dir) throws IOException {
    Path zip = dir.resolve("many.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < 10; i++) {
        z.putNextEntry(new ZipEntry("f" + i + ".py"));
        z.write(("x = " + i + "\n").getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    // 10 entries of 6 bytes; a 20-byte archive budget is spent by the 4th (6+6+6+6 = 24 > 20).
    Map<String, IngestRecord> byBytes = read(zip, new CodeOptions(1 << 20, 20, 1000, 200));
    assertEquals(4, byBytes.size());
    assertEquals(IngestReasons.ZIP_BOMB, byBytes.get("f3.py").reason());
    Map<String, IngestRecord> byCount = read(zip, new CodeOptions(1 << 20, 1 << 30, 3, 200));
    assertEquals(4, byCount.size());
    assertEquals(IngestReasons.TOO_MANY_ENTRIES, byCount.get("f3.py").reason());
  }

  @Test
  void languagesAndLicences() {
    assertTrue(SourceLanguages.count() >= 30, "only " + SourceLanguages.count() + " languages");
    assertEquals("shell", SourceLanguages.byShebang("#!/bin/bash\necho"));
    assertEquals("perl", SourceLanguages.byShebang("#!/usr/bin/perl -w\n"));
    assertEquals("javascript", SourceLanguages.byShebang("#!/usr/bin/env node\n"));
    assertEquals("makefile", SourceLanguages.byName("a/b/Makefile"));
    assertEquals("typescript", SourceLanguages.byName("x.tsx"));
    assertEquals("GPL-2.0-or-later", LicenseDetector.detect(
        "GNU GENERAL PUBLIC LICENSE Version 2, June 1991 ... either version 2 of the License, or (at your option)"
            + " any later version."));
    assertEquals("BSD-3-Clause", LicenseDetector.detect("Redistribution and use in source and binary forms ... "
        + "Neither the name of the copyright holder nor the names"));
    assertEquals("GPL-3.0-or-later", LicenseDetector.debianCopyright(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\n"
            + "Copyright: 2020 X\nLicense: GPL-3+\n\nFiles: debian/*\nLicense: GPL-2+\n"));
  }
}
