package io.frontdesk.knowledge;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL full-text search and lookups over the knowledge base and the documentation. */
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
            rows -> {
              List<SearchHit> hits = new ArrayList<>();
              for (Row row : rows) {
                hits.add(
                    new SearchHit(
                        row.getString("id"),
                        row.getString("title"),
                        row.getString("grp"),
                        row.getString("passage"),
                        row.getDouble("score"),
                        0));
              }
              return hits;
            });
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
        .map(
            rows -> {
              var it = rows.iterator();
              if (!it.hasNext()) {
                return null;
              }
              Row r = it.next();
              return new Document(
                  r.getString("id"),
                  r.getString("grp"),
                  r.getString("title"),
                  r.getString("tags"),
                  r.getString("body"),
                  r.getOffsetDateTime("updated_at"));
            });
  }
}
