package kiln.filters.pii;

/** A detected piece of PII: {@code text.substring(start, end)} is {@code value}. Offsets are UTF-16 indices. */
public record PiiSpan(int start, int end, PiiType type, String value) {
  public PiiSpan {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("span [" + start + ", " + end + ") is empty or negative");
    }
  }

  public static PiiSpan of(String text, int start, int end, PiiType type) {
    return new PiiSpan(start, end, type, text.substring(start, end));
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(PiiSpan o) {
    return start < o.end && o.start < end;
  }
}
