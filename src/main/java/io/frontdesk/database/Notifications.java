package io.frontdesk.database;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * PostgreSQL {@code NOTIFY} sent in the caller's transaction: delivered to every listening replica
 * when that transaction commits, never if it rolls back. Payloads carry ids only (the row is the
 * truth, and a payload is limited to 8,000 bytes).
 */
public final class Notifications {

  private Notifications() {}

  /** Queues {@code payload} on {@code channel}, sent on commit of {@code db}'s transaction. */
  public static Uni<Void> send(SqlClient db, String channel, String payload) {
    return db.preparedQuery("select pg_notify($1, $2)")
        .execute(Tuple.of(channel, payload))
        .replaceWithVoid();
  }
}
