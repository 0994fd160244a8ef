package io.frontdesk.testing;

import io.vertx.mutiny.sqlclient.Pool;
import java.util.UUID;

/**
 * Replica runs as a crash leaves them in the database (table replica), and a turn such a run held
 * when it died: what recovery finds after a {@code kill -9}, written directly.
 */
public final class DeadReplicas {

  private DeadReplicas() {}

  /** A run that stopped (its process is gone): dead at once. */
  public static UUID stopped(Pool pool) {
    return run(pool, "stopped-" + UUID.randomUUID(), "now() - interval '1 minute'", "now()");
  }

  /** A run whose heartbeat went silent a minute ago: dead once the living can judge silence. */
  public static UUID silent(Pool pool) {
    return run(pool, "silent-" + UUID.randomUUID(), "now() - interval '1 minute'", null);
  }

  /**
   * A run whose heartbeat is fresh but whose name a newer run has taken (its restart): dead at
   * once, though it promised to stay silent for an hour.
   */
  public static UUID restarted(Pool pool) {
    String name = "restarted-" + UUID.randomUUID();
    UUID old = UUID.randomUUID();
    Database.rows(
        pool,
        "insert into replica (instance, name, started_at, beat_at, stale_after) values ($1, $2,"
            + " now() - interval '1 minute', now(), interval '1 hour')",
        old,
        name);
    Database.rows(
        pool,
        "insert into replica (instance, name, started_at, beat_at, stale_after) values ($1, $2,"
            + " now(), now(), interval '10 seconds')",
        UUID.randomUUID(),
        name);
    return old;
  }

  /** A run that beats and promised to beat for the next hour: alive. */
  public static UUID live(Pool pool) {
    UUID run = UUID.randomUUID();
    Database.rows(
        pool,
        "insert into replica (instance, name, started_at, beat_at, stale_after) values ($1, $2,"
            + " now(), now(), interval '1 hour')",
        run,
        "live-" + run);
    return run;
  }

  private static UUID run(Pool pool, String name, String beat, String stopped) {
    UUID run = UUID.randomUUID();
    Database.rows(
        pool,
        "insert into replica (instance, name, started_at, beat_at, stale_after, stopped_at) values"
            + " ($1, $2, now() - interval '2 minutes', "
            + beat
            + ", interval '10 seconds', "
            + (stopped == null ? "null" : stopped)
            + ")",
        run,
        name);
    return run;
  }

  /**
   * The turn {@code run} was answering in the conversation when it died: the customer's message
   * stored (by Frontdesk when {@code system}), the conversation's lock still naming the run.
   */
  public static UUID leftTurn(
      Pool pool, UUID conversation, UUID run, String message, boolean system) {
    UUID turn = UUID.randomUUID();
    leftTurn(pool, conversation, run, turn, message, system);
    return turn;
  }

  /** As {@link #leftTurn(Pool, UUID, UUID, String, boolean)}, under a given turn id. */
  public static void leftTurn(
      Pool pool, UUID conversation, UUID run, UUID turn, String message, boolean system) {
    Database.rows(
        pool,
        "insert into message (conversation_id, turn_id, role, agent, content, token_count,"
            + " created_at) values ($1, $2, 'user', $3, $4, 10, now())",
        conversation,
        turn,
        system ? "frontdesk" : null,
        message);
    Database.rows(
        pool,
        "update conversation set turn_id = $2, turn_replica = $3, turn_lease_until = now() +"
            + " interval '3 minutes' where id = $1",
        conversation,
        turn,
        run);
  }
}
