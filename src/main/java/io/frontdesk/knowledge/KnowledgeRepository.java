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
   * search} tsvector of V1: $1 is the query text, $2 the limit. Evaluations run it too.
   */
  public static String fullTextSql(String table, String groupColumn) {
    String sql =
        "select id, title, %s as grp, ts_rank(search, q, 1) as score, ts_headline('english', body,"
            + " q, '%s') as passage from %s, %s q where search @@ q order by score desc, id limit"
            + " $2";
    return sql.formatted(groupColumn, HEADLINE_OPTIONS, table, ANY_TERM);
  }

  private final Pool pool;

  KnowledgeRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<List<SearchHit>> search(Collection collection, String query, int limit) {
    return pool.preparedQuery(fullTextSql(collection.table, collection.groupColumn))
        .execute(Tuple.of(query, limit))
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
