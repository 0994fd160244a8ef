package io.frontdesk.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads and writes the test database directly, to assert what the service did. */
public final class Database {

  private Database() {}

  public static List<Row> rows(Pool pool, String sql, Object... args) {
    RowSet<Row> set =
        pool.preparedQuery(sql)
            .execute(Tuple.from(Arrays.asList(args)))
            .await()
            .atMost(Duration.ofSeconds(10));
    List<Row> rows = new ArrayList<>();
    set.forEach(rows::add);
    return rows;
  }

  public static long count(Pool pool, String sql, Object... args) {
    return rows(pool, sql, args).getFirst().getLong(0);
  }
}
