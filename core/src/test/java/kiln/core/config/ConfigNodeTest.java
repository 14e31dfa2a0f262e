package kiln.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigNodeTest {

  private static ConfigNode yaml(String s) {
    return ConfigNode.parse(s, "p.yaml");
  }

  @Test
  void typedGettersWithDefaults() {
    ConfigNode c = yaml("min_words: 50\nratio: 0.1\nname: x\nlist: [a, b]\nflag: true\n");
    assertEquals(50, c.integer("min_words", 1));
    assertEquals(0.1, c.number("ratio", 0.5));
    assertEquals("x", c.string("name", "y"));
    assertEquals(List.of("a", "b"), c.strings("list", List.of()));
    assertTrue(c.bool("flag", false));
    assertEquals(7, c.integer("absent", 7));
    c.rejectUnknown();
  }

  @Test
  void wrongTypeNamesFileAndKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> yaml("min_words: many\n").integer("min_words", 1));
    assertEquals("p.yaml: key 'min_words': must be an integer, got 'many'", e.getMessage());
    assertEquals("min_words", e.key());
  }

  @Test
  void unknownKeyIsAnErrorWithASuggestion() {
    ConfigNode c = yaml("min_wrods: 5\n");
    c.integer("min_words", 50);
    ConfigException e = assertThrows(ConfigException.class, c::rejectUnknown);
    assertEquals("p.yaml: key 'min_wrods': unknown key (did you mean 'min_words'?)", e.getMessage());
  }

  @Test
  void nestedKeysCarryTheirPath() {
    ConfigNode c = yaml("stages:\n  - filter:\n      max: -1\n");
    ConfigNode f = c.children("stages").get(0).child("filter");
    ConfigException e = assertThrows(ConfigException.class, () -> f.integer("max", 1, 0, 10));
    assertEquals("p.yaml: key 'stages[0].filter.max': must be between 0 and 10, got -1", e.getMessage());
  }

  @Test
  void choiceListsTheAllowedValues() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> yaml("mode: maybe\n").choice("mode", "a", "a", "b"));
    assertEquals("p.yaml: key 'mode': must be one of a|b, got 'maybe'", e.getMessage());
  }

  @Test
  void badYamlAndMissingFileNameTheFile(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "a: [1, 2\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigNode.load(bad));
    assertTrue(e.getMessage().startsWith(bad + ": not valid YAML at line"), e.getMessage());
    ConfigException missing = assertThrows(ConfigException.class, () -> ConfigNode.load(dir.resolve("nope.yaml")));
    assertEquals(dir.resolve("nope.yaml") + ": file not found", missing.getMessage());
  }

  @Test
  void canonicalFormIgnoresKeyOrder() {
    assertEquals(yaml("a: 1\nb: {y: 2, x: 1}\n").canonical(), yaml("b: {x: 1, y: 2}\na: 1\n").canonical());
  }
}
