package kiln.core.spark;

import java.util.Map;
import kiln.core.Columns;
import kiln.core.Document;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/** Spark types of the document schema ({@link Columns#DOCUMENT_DDL}) and Row/Document conversion. */
public final class DocumentSchema {
  private DocumentSchema() {}

  public static final StructType DOCUMENT = StructType.fromDDL(Columns.DOCUMENT_DDL);
  /** Document columns + nullable {@code reason}: what a {@link Stage} returns. */
  public static final StructType ANNOTATED = DOCUMENT.add(Columns.REASON, "string", true);
  public static final StructType REJECTED = StructType.fromDDL(Columns.REJECTED_DDL);

  /** Throws if {@code schema} lacks a document column. */
  public static void require(StructType schema, String stage) {
    for (StructField f : DOCUMENT.fields()) {
      if (schema.getFieldIndex(f.name()).isEmpty()) {
        throw new IllegalArgumentException("stage " + stage + " needs column '" + f.name() + "', input has "
            + String.join(", ", schema.fieldNames()));
      }
    }
  }

  public static Document toDocument(Row r) {
    Map<String, String> meta = null;
    int mi = r.fieldIndex(Columns.META);
    if (!r.isNullAt(mi)) {
      // a view, not a copy: the Document constructor copies it into its sorted map
      meta = CollectionConverters.asJava(r.<String, String>getMap(mi));
    }
    return new Document(
        r.getString(r.fieldIndex(Columns.ID)),
        r.getString(r.fieldIndex(Columns.SOURCE)),
        Document.Kind.of(r.getString(r.fieldIndex(Columns.KIND))),
        r.getString(r.fieldIndex(Columns.URL)),
        r.getString(r.fieldIndex(Columns.TEXT)),
        r.getString(r.fieldIndex(Columns.LANG)),
        meta);
  }

  public static Row toRow(Document d) {
    return RowFactory.create(d.id(), d.source(), d.kind().value(), d.url(), d.text(), d.lang(), scalaMap(d.meta()));
  }

  /** A row of {@link #ANNOTATED}: the document and its reason (null = kept). */
  public static Row toAnnotatedRow(Document d, String reason) {
    return RowFactory.create(d.id(), d.source(), d.kind().value(), d.url(), d.text(), d.lang(), scalaMap(d.meta()),
        reason);
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> m) {
    return scala.collection.immutable.Map.from(CollectionConverters.asScala(m));
  }
}
