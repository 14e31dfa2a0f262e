/**
 * PII detection and redaction: pure-Java detectors (one per kind of personal data or secret) that return
 * {@link kiln.filters.pii.PiiSpan spans}, and {@link kiln.filters.pii.PiiRedactor} which resolves overlaps and
 * applies the configured action per type. No NER model: every detector is a scanner plus a validator
 * (checksums, number ranges, libphonenumber metadata), so the stage is cheap enough to stay on.
 * See {@code docs/pii.md}.
 */
package kiln.filters.pii;
