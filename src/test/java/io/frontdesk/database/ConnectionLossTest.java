package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which real failures of the reactive SQL client are a lost database (503, logged once per outage)
 * and which are defects (500, logged): each failure here is produced by a real client against a
 * real server that is stopped, restarted or asked something wrong.
 */
class ConnectionLossTest {

  private static Vertx vertx;

  @TempDir Path dir;

  @BeforeAll
  static void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void aRefusedConnectionIsALostDatabase() throws Exception {
    int nobodyListens;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobodyListens = socket.getLocalPort();
    }
    Throwable refused = failure(PgConnection.connect(vertx, options(nobodyListens, "any")));
    assertTrue(ConnectionLoss.in(refused), refused.toString());
    assertTrue(
        ConnectionLoss.in(new CompletionException(new IllegalStateException("wrapped", refused))),
        "found below the layers that wrap it");
  }

  @Test
  void connectionsTheServerDropsAreLostAndWrongStatementsAreDefects() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), true, false)) {
      PgConnectOptions options = options(db.port(), db.password());
      Pool pool = PgBuilder.pool().connectingTo(options).using(vertx).build();
      PgConnection open = await(PgConnection.connect(vertx, options));
      await(pool.query("create table t (id int primary key)").execute());
      await(pool.query("insert into t values (1)").execute());

      db.stopServer();
      Throwable dropped = failure(open.query("select 1").execute());
      Throwable refused = failure(pool.query("select 1").execute());
      assertTrue(ConnectionLoss.in(dropped), dropped.toString());
      assertTrue(ConnectionLoss.in(refused), refused.toString());

      db.startServer();
      Throwable syntax = failure(pool.query("selec 1").execute());
      Throwable duplicate = failure(pool.query("insert into t values (1)").execute());
      assertFalse(ConnectionLoss.in(syntax), syntax.toString());
      assertFalse(ConnectionLoss.in(duplicate), duplicate.toString());
      assertFalse(ConnectionLoss.in(new IllegalStateException("a defect")));
      await(pool.close());
    }
  }

  private static PgConnectOptions options(int port, String password) {
    return new PgConnectOptions()
        .setHost("localhost")
        .setPort(port)
        .setDatabase("postgres")
        .setUser("postgres")
        .setPassword(password);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }
}
