package kiln.mixtures;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code where:} expression language into a {@link Predicate}.
 *
 * <pre>
 * expr    := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' unary | '(' expr ')' | compare
 * compare := field op literal | field 'in' '(' literal (',' literal)* ')'
 * op      := '==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
 * field   := [A-Za-z_][A-Za-z0-9_]* ('.' [A-Za-z0-9_]+)?      e.g. quality_score, meta.lang
 * literal := number | 'text' | "text" | true | false
 * </pre>
 *
 * Keywords are case-insensitive; {@code =} is accepted for {@code ==}. Anything else is an
 * {@link IllegalArgumentException} whose message gives the character offset.
 */
public final class PredicateParser {
  private final String src;
  private int pos;

  private PredicateParser(String src) {
    this.src = src;
  }

  public static Predicate parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("empty expression");
    }
    PredicateParser p = new PredicateParser(expression);
    Predicate out = p.or();
    p.skipSpace();
    if (p.pos < p.src.length()) {
      throw p.fail("unexpected '" + p.src.substring(p.pos) + "'");
    }
    return out;
  }

  private Predicate or() {
    Predicate left = and();
    while (keyword("or")) {
      left = new Predicate.Or(left, and());
    }
    return left;
  }

  private Predicate and() {
    Predicate left = unary();
    while (keyword("and")) {
      left = new Predicate.And(left, unary());
    }
    return left;
  }

  private Predicate unary() {
    if (keyword("not")) {
      return new Predicate.Not(unary());
    }
    if (symbol("(")) {
      Predicate inner = or();
      expect(")");
      return inner;
    }
    return compare();
  }

  private Predicate compare() {
    String field = field();
    if (keyword("in")) {
      expect("(");
      List<Object> values = new ArrayList<>();
      do {
        values.add(literal());
      } while (symbol(","));
      expect(")");
      return new Predicate.In(field, values);
    }
    Predicate.Op op = op();
    Object value = literal();
    if (value instanceof Boolean && op != Predicate.Op.EQ && op != Predicate.Op.NE) {
      throw fail("true/false can only be compared with == or !=");
    }
    return new Predicate.Compare(field, op, value);
  }

  private String field() {
    skipSpace();
    int start = pos;
    if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
          || src.charAt(pos) == '.')) {
        pos++;
      }
    }
    if (start == pos) {
      throw fail("expected a column name");
    }
    String f = src.substring(start, pos);
    if (f.endsWith(".") || f.indexOf('.') != f.lastIndexOf('.')) {
      throw fail("bad column name '" + f + "' (use name or meta.key)");
    }
    for (String kw : new String[] {"and", "or", "not", "in", "true", "false"}) {
      if (kw.equalsIgnoreCase(f)) {
        pos = start;
        throw fail("expected a column name, got keyword '" + f + "'");
      }
    }
    return f;
  }

  private Predicate.Op op() {
    skipSpace();
    for (String s : new String[] {"==", "!=", "<=", ">=", "<", ">", "="}) {
      if (src.startsWith(s, pos)) {
        pos += s.length();
        return switch (s) {
          case "==", "=" -> Predicate.Op.EQ;
          case "!=" -> Predicate.Op.NE;
          case "<=" -> Predicate.Op.LE;
          case ">=" -> Predicate.Op.GE;
          case "<" -> Predicate.Op.LT;
          default -> Predicate.Op.GT;
        };
      }
    }
    throw fail("expected one of == != < <= > >= or 'in'");
  }

  private Object literal() {
    skipSpace();
    if (pos >= src.length()) {
      throw fail("expected a value");
    }
    char c = src.charAt(pos);
    if (c == '\'' || c == '"') {
      StringBuilder sb = new StringBuilder();
      int i = pos + 1;
      while (i < src.length() && src.charAt(i) != c) {
        if (src.charAt(i) == '\\' && i + 1 < src.length()) {
          i++;
        }
        sb.append(src.charAt(i++));
      }
      if (i >= src.length()) {
        throw fail("unterminated string");
      }
      pos = i + 1;
      return sb.toString();
    }
    if (keyword("true")) {
      return Boolean.TRUE;
    }
    if (keyword("false")) {
      return Boolean.FALSE;
    }
    int start = pos;
    while (pos < src.length() && "+-0123456789.eE".indexOf(src.charAt(pos)) >= 0) {
      pos++;
    }
    String num = src.substring(start, pos);
    try {
      double d = Double.parseDouble(num);
      if (num.isEmpty() || Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      pos = start;
      throw fail("expected a number, a quoted string, true or false");
    }
  }

  private boolean keyword(String kw) {
    skipSpace();
    int end = pos + kw.length();
    if (src.regionMatches(true, pos, kw, 0, kw.length())
        && (end == src.length() || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_'))) {
      pos = end;
      return true;
    }
    return false;
  }

  private boolean symbol(String s) {
    skipSpace();
    if (src.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private void expect(String s) {
    if (!symbol(s)) {
      throw fail("expected '" + s + "'");
    }
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException fail(String problem) {
    return new IllegalArgumentException(problem + " at character " + (pos + 1));
  }
}
