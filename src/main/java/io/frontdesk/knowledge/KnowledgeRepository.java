package io.frontdesk.knowledge;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Articles and documentation pages: PostgreSQL full-text search, look-ups and the administrators'
 * writes (in the caller's transaction, with the passages: see {@link KnowledgeChunkRepository}).
 */
@ApplicationScoped
public class KnowledgeRepository {

  // Customers write sentences, not keyword lists: match any stemmed term (OR), rank by weight.
  private static final String ANY_TERM =
      "to_tsquery('english', replace(plainto_tsquery('english', $1)::text, ' & ', ' | '))";
  private static final String HEADLINE_OPTIONS =
      "MaxWords=45, MinWords=20, MaxFragments=2, FragmentDelimiter=\" … \", StartSel=\"\","
          + " StopSel=\"\"";

  /**
   * The full-text query over any table with id, title, a group column, body and the weighted {@code
   * search} tsvector of V1: $1 is the query text, $2 the limit, $3 how many of the first rows get
   * their passage (the others carry none). Evaluations run it too.
   *
   * <p>{@code ts_headline} re-parses a document's whole body and was 95 % of this query's time: it
   * runs only for the rows whose passage can be quoted. After fusion a document found by words
   * alone is quoted by its words passage, and only a document among the first {@code limit}
   * full-text ranks can be such a result ({@link HybridRanking#merge}), so the search asks for
   * {@code limit}.
   */
  public static String fullTextSql(String table, String groupColumn) {
    String sql =
        "with ranked as (select id, title, %s as grp, body, q, ts_rank(search, q, 1) as score,"
            + " row_number() over (order by ts_rank(search, q, 1) desc, id) as n from %s, %s q"
            + " where search @@ q order by n limit $2) select id, title, grp, score, case when n <="
            + " $3 then ts_headline('english', body, q, '%s') end as passage from ranked order by n";
    return sql.formatted(groupColumn, table, ANY_TERM, HEADLINE_OPTIONS);
  }

  private final Pool pool;

  KnowledgeRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * The best {@code limit} documents for the query's words, best first; the first {@code passages}
   * of them with their passage, the rest with none ({@code null}).
   */
  public Uni<List<SearchHit>> search(Collection collection, String query, int limit, int passages) {
    return pool.preparedQuery(fullTextSql(collection.table, collection.groupColumn))
        .execute(Tuple.of(query, limit, passages))
        .map(
            rows ->
                Rows.list(
                    rows,
                    row ->
                        new SearchHit(
                            row.getString("id"),
                            row.getString("title"),
                            row.getString("grp"),
                            row.getString("passage"),
                            row.getDouble("score"),
                            0)));
  }

  public Uni<Document> find(Collection collection, String id) {
    return find(pool, collection, id);
  }

  /** One document, read through {@code db} (a transaction sees its own writes); null if none. */
  Uni<Document> find(SqlClient db, Collection collection, String id) {
    String sql =
        "select id, %s as grp, title, tags, body, updated_at from %s where id = $1"
            .formatted(collection.groupColumn, collection.table);
    return db.preparedQuery(sql)
        .execute(Tuple.of(id))
        .map(rows -> Rows.optional(rows, KnowledgeRepository::document).orElse(null));
  }

  /**
   * Creates or replaces a document in {@code db}'s transaction; true when it is new. The group is
   * the article's category or the page's section.
   */
  Uni<Boolean> upsert(
      SqlClient db, Collection collection, String id, DocumentInput input, OffsetDateTime at) {
    String sql =
        ("insert into %1$s (id, %2$s, title, tags, body, updated_at) values ($1, $2, $3, $4, $5,"
                + " $6) on conflict (id) do update set %2$s = excluded.%2$s, title ="
                + " excluded.title, tags = excluded.tags, body = excluded.body, updated_at ="
                + " excluded.updated_at returning (xmax = 0) as created")
            .formatted(collection.table, collection.groupColumn);
    Tuple row =
        Tuple.of(
            id,
            input.group(),
            input.title().strip(),
            input.tags() == null ? "" : input.tags().strip(),
            input.body().strip(),
            at);
    return db.preparedQuery(sql).execute(row).map(rows -> Rows.first(rows).getBoolean("created"));
  }

  /** Deletes a document (a trigger deletes its passages); false when there was none. */
  Uni<Boolean> delete(SqlClient db, Collection collection, String id) {
    return db.preparedQuery("delete from %s where id = $1".formatted(collection.table))
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0);
  }

  Uni<Boolean> exists(SqlClient db, Collection collection, String id) {
    return db.preparedQuery("select 1 from %s where id = $1".formatted(collection.table))
        .execute(Tuple.of(id))
        .map(rows -> rows.size() > 0);
  }

  /**
   * The highest number among the ids {@code prefix}&lt;digits&gt; of the collection, or {@code
   * floor} when there is none.
   */
  Uni<Integer> highestNumber(SqlClient db, Collection collection, String prefix, int floor) {
    return db.preparedQuery(
            "select coalesce(max(substring(id from '\\d+$')::int), $2) from %s where id ~ $1"
                .formatted(collection.table))
        .execute(Tuple.of("^" + prefix + "\\d+$", floor))
        .map(rows -> Rows.first(rows).getInteger(0));
  }

  private static Document document(Row r) {
    return new Document(
        r.getString("id"),
        r.getString("grp"),
        r.getString("title"),
        r.getString("tags"),
        r.getString("body"),
        r.getOffsetDateTime("updated_at"));
  }
}
