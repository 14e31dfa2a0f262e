package kiln.filters.pii;

import static kiln.filters.pii.DetectorTestSupport.found;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kiln.core.SharedData;
import org.junit.jupiter.api.Test;

class NationalIdSchemeTest {

  @Test
  void spanishDni() {
    // 12345678 mod 23 = 14 (23 * 536768 = 12345664, remainder 14); "TRWAGMYFPDXBNJZSQVHLCKE"[14] = 'Z'.
    assertTrue(NationalIdScheme.ES_DNI.isValid("12345678Z"));
    assertFalse(NationalIdScheme.ES_DNI.isValid("12345678T"));
    // NIE X1111111: 01111111 mod 23 = 1111111 - 23 * 48309 = 4 -> 'G'.
    assertTrue(NationalIdScheme.ES_DNI.isValid("X1111111G"));
  }

  @Test
  void turkishChecksums() {
    // 10000000146: odd sum d1+d3+d5+d7+d9 = 1, even sum = 0, d10 = (1*7 - 0) mod 10 = 7? No: digits are
    // 1,0,0,0,0,0,0,0,1,4,6 -> odd = 1+0+0+0+1 = 2, even = 0, d10 = 2*7 mod 10 = 4, d11 = (2+4) mod 10 = 6.
    assertTrue(NationalIdScheme.TR_TCKIMLIK.isValid("10000000146"));
    assertFalse(NationalIdScheme.TR_TCKIMLIK.isValid("10000000147"));
  }

  @Test
  void detectorScansWithBoundaries() {
    NationalIdDetector d = new NationalIdDetector(NationalIdDetector.DEFAULT_SCHEMES);
    assertEquals(List.of("12345678Z", "131052-308T"), found(d, "DNI 12345678Z; hetu 131052-308T; ref A12345678Z"));
  }

  private static final Map<String, NationalIdScheme> DOCTESTS = Map.of(
      "test_es_nif.doctest", NationalIdScheme.ES_DNI,
      "test_cn_ric.doctest", NationalIdScheme.CN_RIC,
      "test_fi_hetu.doctest", NationalIdScheme.FI_HETU,
      "test_se_personnummer.doctest", NationalIdScheme.SE_PERSONNUMMER,
      "test_tr_tckimlik.doctest", NationalIdScheme.TR_TCKIMLIK,
      "test_za_idnr.doctest", NationalIdScheme.ZA_IDNR,
      "test_no_fodselsnummer.doctest", NationalIdScheme.NO_FODSELSNUMMER);

  private static final Pattern VALIDATE = Pattern.compile(">>> (?:\\w+\\.(?:validate|is_valid)|check)\\('([^']*)'\\)\\s*(?:#.*)?$");

  /**
   * python-stdnum's doctests: {@code validate('x')} followed by output is valid, followed by a Traceback is
   * invalid; the {@code numbers = '''...'''} lists are valid numbers. Only strings in our scheme's written
   * form are checked (stdnum also accepts forms without separators that we do not scan for). For\n   * Spanish numbers the {@code check('x')} lines count when stdnum classifies x as DNI or NIE, or as nothing.
   */
  @Test
  void agreesWithStdnumDoctests() throws IOException {
    Optional<Path> dir = SharedData.data("pii/python-stdnum");
    assumeTrue(dir.isPresent(), "needs shared data pii/python-stdnum (set KILN_SHARED)");
    StringBuilder report = new StringBuilder();
    for (Map.Entry<String, NationalIdScheme> e : DOCTESTS.entrySet()) {
      NationalIdScheme s = e.getValue();
      List<String> lines = Files.readAllLines(dir.get().resolve(e.getKey()));
      List<String> valid = new ArrayList<>();
      List<String> invalid = new ArrayList<>();
      boolean inList = false;
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i).trim();
        if (l.startsWith(">>> numbers = '''")) {
          inList = true;
          continue;
        }
        if (inList) {
          if (l.contains("'''")) {
            inList = false;
          } else if (l.startsWith("... ") && !l.substring(4).isBlank()) {
            valid.add(l.substring(4).trim());
          }
          continue;
        }
        Matcher m = VALIDATE.matcher(l);
        if (m.find() && i + 1 < lines.size()) {
          String next = lines.get(i + 1).trim();
          String why = i + 3 < lines.size() ? lines.get(i + 3) : "";
          if (why.contains("not been born yet")) {
            continue; // depends on today's date; our output must depend only on input and config
          }
          if (next.startsWith("Traceback") || next.equals("False") || next.equals("[]")) {
            invalid.add(m.group(1));
          } else if (next.startsWith("'") || next.equals("True") || next.matches("\\[.*'(dni|nie)'.*]")) {
            valid.add(m.group(1));
          }
        }
      }
      int checkedValid = 0;
      int agreeValid = 0;
      for (String v : valid) {
        if (s.pattern().matcher(v.toUpperCase(java.util.Locale.ROOT)).matches()) {
          checkedValid++;
          agreeValid += s.isValid(v) ? 1 : 0;
        }
      }
      int checkedInvalid = 0;
      int agreeInvalid = 0;
      for (String v : invalid) {
        if (s.pattern().matcher(v.toUpperCase(java.util.Locale.ROOT)).matches()) {
          checkedInvalid++;
          agreeInvalid += s.isValid(v) ? 0 : 1;
        }
      }
      report.append(String.format("%-18s valid %d/%d  invalid %d/%d%n", s.key(), agreeValid, checkedValid,
          agreeInvalid, checkedInvalid));
      assertTrue(checkedValid > 0, s.key() + ": no valid examples parsed");
      assertEquals(checkedValid, agreeValid, s.key() + " valid examples");
      assertEquals(checkedInvalid, agreeInvalid, s.key() + " invalid examples");
    }
    System.out.print(report);
  }
}
