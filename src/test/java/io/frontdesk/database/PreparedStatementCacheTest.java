package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The reactive pool's connections keep their statements prepared
 * (quarkus.datasource.reactive.cache-prepared-statements): a statement run again on a connection is
 * bound to the statement PostgreSQL already parsed, not parsed and described anew. PostgreSQL's own
 * view of the session's prepared statements shows it: an unnamed, one-shot statement is not in it.
 */
@QuarkusTest
class PreparedStatementCacheTest {

  private static final String STATEMENT = "select $1::int + 1 as next";

  @Inject Pool pool;

  @Test
  void aStatementRunTwiceOnAConnectionIsPreparedOnce() {
    long prepared =
        pool.withConnection(
                connection ->
                    connection
                        .preparedQuery(STATEMENT)
                        .execute(Tuple.of(1))
                        .chain(() -> connection.preparedQuery(STATEMENT).execute(Tuple.of(2)))
                        .chain(
                            () ->
                                connection
                                    .preparedQuery(
                                        "select count(*) as n from pg_prepared_statements"
                                            + " where statement = $1")
                                    .execute(Tuple.of(STATEMENT)))
                        .map(rows -> rows.iterator().next().getLong("n")))
            .await()
            .atMost(Duration.ofSeconds(10));
    assertEquals(1, prepared, "prepared once on this connection, and kept");
  }
}
