package kiln.filters;

import kiln.core.Document;

/** Test documents. */
public final class TestDocs {
  private TestDocs() {}

  public static Document web(String text) {
    return new Document("id", "test", Document.Kind.WEB, "https://example.com/a", text, null, null);
  }

  public static Document web(String url, String text) {
    return new Document("id", "test", Document.Kind.WEB, url, text, null, null);
  }
}
