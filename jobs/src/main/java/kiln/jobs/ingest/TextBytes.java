package kiln.jobs.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Byte-level checks and strict decoding shared by the readers. */
public final class TextBytes {
  private TextBytes() {}

  /** How many leading bytes {@link #looksBinary} inspects for NUL bytes (git uses the same window). */
  public static final int BINARY_SNIFF_BYTES = 8000;

  /** True if the first {@link #BINARY_SNIFF_BYTES} bytes hold a NUL byte (what git calls binary). */
  public static boolean looksBinary(byte[] b, int len) {
    int n = Math.min(len, BINARY_SNIFF_BYTES);
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** Length of a UTF-8 byte order mark at the start of {@code b}, 0 if none. */
  public static int utf8BomLength(byte[] b, int len) {
    return len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
  }

  /** Strict UTF-8 (a leading BOM is dropped); null when the bytes are not valid UTF-8. */
  public static String strictUtf8(byte[] b, int len) {
    int bom = utf8BomLength(b, len);
    return strict(b, bom, len - bom, StandardCharsets.UTF_8);
  }

  /** Strict decoding; null when {@code cs} reports malformed or unmappable input. */
  public static String strict(byte[] b, int off, int len, Charset cs) {
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Lenient decoding: malformed input becomes U+FFFD. */
  public static String lenient(byte[] b, int off, int len, Charset cs) {
    return new String(b, off, len, cs);
  }

  /** Normalizes line ends to \n (CRLF and lone CR). */
  public static String unixLines(String s) {
    if (s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }
}
