package io.frontdesk.toolgate;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Where a side effect is written down with its conversation as it runs, not only when its turn
 * ends: a crash right after the effect still leaves it in the customer's transcript, and a call
 * that started but never finished tells recovery its outcome is unknown. The gate owns this port;
 * the conversation feature implements it.
 */
public interface EffectJournal {

  /**
   * Before the effect, committed on its own: the call is running. The record's id, or null when the
   * call runs outside a turn (then nothing is written).
   */
  Uni<Long> started(SqlClient db, GateCall call);

  /**
   * In the effect's own transaction: what it returned and, when it changed something, the line the
   * customer reads ({@code trace}; null for a replay, which changed nothing).
   */
  Uni<Void> ran(SqlClient db, GateCall call, long id, Object result, String trace);

  /** The effect's transaction failed: it did nothing. */
  Uni<Void> failed(SqlClient db, GateCall call, long id, String error);
}
