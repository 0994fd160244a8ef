package io.frontdesk.knowledge;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Passages of articles and pages with their vectors (table knowledge_chunk). */
@ApplicationScoped
public class KnowledgeChunkRepository {

  /** A document whose passages are missing or out of date. */
  record Stale(String id, String title, String body) {}

  /** One stored passage with its document's title and group, and its vector. */
  public record Stored(
      Collection collection,
      String documentId,
      String title,
      String group,
      String content,
      float[] vector) {}

  /** Serialises writers of passages across replicas (one transaction at a time). */
  private static final long WRITE_LOCK = 0x4b_4e_4f_57_4c_45L;

  private final Pool pool;

  KnowledgeChunkRepository(Pool pool) {
    this.pool = pool;
  }

  /** What the passages were cut from: md5 of title and body, as PostgreSQL's md5() writes it. */
  static String sourceHash(String title, String body) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5")
              .digest((title + "\n" + body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Takes the passage writers' lock until {@code db}'s transaction ends: documents and passages are
   * written by one transaction at a time, on any replica.
   */
  Uni<Void> lockWriters(SqlClient db) {
    return db.query("select pg_advisory_xact_lock(" + WRITE_LOCK + ")").execute().replaceWithVoid();
  }

  /** Replaces a document's passages, in the caller's transaction. */
  Uni<Void> replace(
      SqlClient db,
      Collection collection,
      String documentId,
      String sourceHash,
      String model,
      List<Chunker.Chunk> chunks,
      List<float[]> vectors,
      boolean pgvector) {
    String insert =
        "insert into knowledge_chunk (collection, document_id, ordinal, content, model,"
            + " source_hash, embedding, created_at"
            + (pgvector ? ", embedding_vector) " : ") ")
            + "values ($1, $2, $3, $4, $5, $6, $7, $8"
            + (pgvector ? ", $9::vector)" : ")");
    List<Tuple> rows = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < chunks.size(); i++) {
      Tuple row =
          Tuple.of(collection.table, documentId, chunks.get(i).ordinal(), chunks.get(i).content())
              .addString(model)
              .addString(sourceHash)
              .addArrayOfFloat(boxed(vectors.get(i)))
              .addOffsetDateTime(now);
      if (pgvector) {
        row.addString(literal(vectors.get(i)));
      }
      rows.add(row);
    }
    Uni<Void> delete =
        db.preparedQuery("delete from knowledge_chunk where collection = $1 and document_id = $2")
            .execute(Tuple.of(collection.table, documentId))
            .replaceWithVoid();
    return rows.isEmpty()
        ? delete
        : delete.chain(() -> db.preparedQuery(insert).executeBatch(rows).replaceWithVoid());
  }

  /** Documents without passages of this model for their current text. */
  Uni<List<Stale>> stale(SqlClient db, Collection collection, String model) {
    String sql =
        ("select d.id, d.title, d.body from %s d where not exists (select 1 from knowledge_chunk"
                + " c where c.collection = $1 and c.document_id = d.id and c.model = $2 and"
                + " c.source_hash = md5(d.title || E'\\n' || d.body)) order by d.id")
            .formatted(collection.table);
    return db.preparedQuery(sql)
        .execute(Tuple.of(collection.table, model))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r -> new Stale(r.getString("id"), r.getString("title"), r.getString("body"))));
  }

  /** Changes with every write to the passages, on any replica. */
  Uni<Long> revision() {
    return pool.query("select revision from knowledge_revision where id = 1")
        .execute()
        .map(rows -> Rows.first(rows).getLong(0));
  }

  /** Whether the database has pgvector and the passage table its vector column. */
  Uni<Boolean> hasVectorColumn() {
    return pool.query(
            "select exists (select 1 from information_schema.columns where table_name ="
                + " 'knowledge_chunk' and column_name = 'embedding_vector')")
        .execute()
        .map(rows -> Rows.first(rows).getBoolean(0));
  }

  // passages with their document's title and group, whichever collection holds it
  private static final String PASSAGES =
      "select c.collection, c.document_id, c.content, c.embedding, coalesce(a.title, p.title) as"
          + " title, coalesce(a.category, p.section) as grp from knowledge_chunk c left join"
          + " kb_article a on c.collection = 'kb_article' and a.id = c.document_id left join"
          + " doc_page p on c.collection = 'doc_page' and p.id = c.document_id ";

  /** Every passage of this model. */
  Uni<List<Stored>> all(String model) {
    return pool.preparedQuery(
            PASSAGES + "where c.model = $1 order by c.collection, c.document_id, c.ordinal")
        .execute(Tuple.of(model))
        .map(KnowledgeChunkRepository::stored);
  }

  /**
   * The passages nearest to a vector, computed by pgvector (cosine distance), at most {@code
   * limit}.
   */
  Uni<List<Stored>> nearest(Collection collection, String model, float[] vector, int limit) {
    return pool.preparedQuery(
            PASSAGES
                + "where c.collection = $1 and c.model = $2 order by c.embedding_vector <=>"
                + " $3::vector limit $4")
        .execute(Tuple.of(collection.table, model, literal(vector), limit))
        .map(KnowledgeChunkRepository::stored);
  }

  private static List<Stored> stored(RowSet<Row> rows) {
    return Rows.list(
        rows,
        r ->
            new Stored(
                Collection.ofTable(r.getString("collection")),
                r.getString("document_id"),
                r.getString("title"),
                r.getString("grp"),
                r.getString("content"),
                unboxed(r.getArrayOfFloats("embedding"))));
  }

  private static Float[] boxed(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static float[] unboxed(Float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** pgvector's text form: [0.1,0.2,...]. */
  private static String literal(float[] v) {
    StringBuilder out = new StringBuilder(v.length * 10).append('[');
    for (int i = 0; i < v.length; i++) {
      out.append(i > 0 ? "," : "").append(v[i]);
    }
    return out.append(']').toString();
  }
}
