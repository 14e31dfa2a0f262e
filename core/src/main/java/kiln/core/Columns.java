package kiln.core;

/** Column names shared by every stage; the only place they are spelled out. */
public final class Columns {
  private Columns() {}

  public static final String ID = "id";
  public static final String SOURCE = "source";
  public static final String KIND = "kind";
  public static final String URL = "url";
  public static final String TEXT = "text";
  public static final String LANG = "lang";
  public static final String META = "meta";

  /** Why a row was rejected: {@code <filter>:<rule>}. Only in {@code rejected/} datasets. */
  public static final String REASON = "reason";

  /** Tokenized datasets. */
  public static final String TOKENS = "tokens";
  public static final String N_TOKENS = "n_tokens";

  /** The document schema in Spark DDL, so that {@code core} needs no Spark type to state it. */
  public static final String DOCUMENT_DDL =
      "id STRING NOT NULL, source STRING NOT NULL, kind STRING NOT NULL, url STRING, text STRING NOT NULL, "
          + "lang STRING, meta MAP<STRING, STRING>";

  /** Schema of {@code rejected/}: the document columns plus {@link #REASON}. */
  public static final String REJECTED_DDL = DOCUMENT_DDL + ", reason STRING NOT NULL";

  /** Schema of a tokenized dataset. */
  public static final String TOKENS_DDL =
      "id STRING NOT NULL, source STRING NOT NULL, tokens ARRAY<INT> NOT NULL, n_tokens INT NOT NULL, "
          + "text_bytes BIGINT NOT NULL";
}
