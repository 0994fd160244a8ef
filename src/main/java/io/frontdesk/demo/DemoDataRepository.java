package io.frontdesk.demo;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The demo data set's bulk load, in the loader's transaction over the reactive SQL client. */
@ApplicationScoped
class DemoDataRepository {

  // One replica loads; others starting at the same time wait on this lock and then see the data.
  private static final long LOAD_LOCK = 0x46_44_44_45_4d_4fL;

  /** Takes the loading lock until {@code conn}'s transaction ends. */
  Uni<Void> lockLoading(SqlConnection conn) {
    return conn.query("select pg_advisory_xact_lock(" + LOAD_LOCK + ")")
        .execute()
        .replaceWithVoid();
  }

  /** Whether the database already holds customers or articles (then nothing is loaded). */
  Uni<Boolean> holdsData(SqlConnection conn) {
    return conn.query("select exists(select 1 from customer) or exists(select 1 from kb_article)")
        .execute()
        .map(rows -> Rows.first(rows).getBoolean(0));
  }

  /** Inserts every row of the table in one batch; answers how many. */
  Uni<Integer> insert(SqlConnection conn, DemoTable table) {
    List<Tuple> rows = new ArrayList<>(table.rows().size());
    table.rows().forEach(values -> rows.add(Tuple.from(values)));
    return conn.preparedQuery(insertSql(table)).executeBatch(rows).replaceWith(rows.size());
  }

  private static String insertSql(DemoTable table) {
    String params =
        IntStream.rangeClosed(1, table.columns().size())
            .mapToObj(i -> "$" + i)
            .collect(Collectors.joining(", "));
    return "insert into %s (%s) values (%s)"
        .formatted(table.name(), String.join(", ", table.columns()), params);
  }
}
