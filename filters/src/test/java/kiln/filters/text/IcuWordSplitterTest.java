package kiln.filters.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IcuWordSplitterTest {

  @Test
  void englishDropsPunctuation() {
    assertEquals(List.of("Don't", "stop", "3.14"), IcuWordSplitter.INSTANCE.words("Don't stop, 3.14!"));
  }

  @Test
  void thaiAndChineseAreSegmented() {
    // Thai has no spaces: "ภาษาไทยง่าย" is 3 words (ภาษา / ไทย / ง่าย), whitespace split sees 1
    List<String> th = IcuWordSplitter.INSTANCE.words("ภาษาไทยง่าย");
    assertEquals(1, PyStr.split("ภาษาไทยง่าย").size());
    assertTrue(th.size() >= 3, th.toString());
    List<String> zh = IcuWordSplitter.INSTANCE.words("我们是学生");
    assertTrue(zh.size() >= 3, zh.toString());
  }
}
