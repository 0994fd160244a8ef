package io.frontdesk.replica;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/** The replicas' runs and their heartbeats (table replica). */
@ApplicationScoped
class ReplicaRepository {

  /**
   * Takes the name for as long as this connection lives (a session advisory lock): a second live
   * replica cannot take it, and a dead one's lock went with its connection.
   */
  Uni<Boolean> lockName(SqlClient db, String name) {
    return db.preparedQuery("select pg_try_advisory_lock(hashtext('frontdesk.replica:' || $1))")
        .execute(Tuple.of(name))
        .map(rows -> Rows.first(rows).getBoolean(0));
  }

  /** A new run of the replica called {@code name}: older runs of that name are dead from now. */
  Uni<Void> register(SqlClient db, UUID instance, String name, Duration staleAfter) {
    return db.preparedQuery(
            "insert into replica (instance, name, started_at, beat_at, stale_after) values ($1,"
                + " $2, clock_timestamp(), clock_timestamp(), make_interval(secs => $3))")
        .execute(Tuple.of(instance, name, staleAfter.toMillis() / 1000.0))
        .replaceWithVoid();
  }

  /** The heartbeat; false when the run's row is gone (then it registers again). */
  Uni<Boolean> beat(SqlClient db, UUID instance) {
    return db.preparedQuery(
            "update replica set beat_at = now() where instance = $1 and stopped_at is null")
        .execute(Tuple.of(instance))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The run stopped (a graceful shutdown): its leftover turns are recovered at once. */
  Uni<Void> stopped(SqlClient db, UUID instance) {
    return db.preparedQuery("update replica set stopped_at = now() where instance = $1")
        .execute(Tuple.of(instance))
        .replaceWithVoid();
  }

  /** Forgets runs silent for a day (a turn lock naming a forgotten run counts as dead). */
  Uni<Integer> forgetOld(SqlClient db) {
    return db.preparedQuery("delete from replica where beat_at < now() - interval '1 day'")
        .execute()
        .map(rows -> rows.rowCount());
  }
}
