package io.frontdesk.toolgate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.turn.Caller;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * What the gate hands a tool while it runs: the call (and so the caller) and, for a side effect,
 * one transaction in which the idempotency key is claimed, the effect made and the audit row
 * written — all three commit together or not at all. Tools reach it by injection; the call is bound
 * to the thread the gate runs the tool on.
 */
@ApplicationScoped
public class ToolCalls {

  private static final Logger LOG = Logger.getLogger(ToolCalls.class);
  private static final ThreadLocal<GateCall> CURRENT = new ThreadLocal<>();

  private final Pool pool;
  private final ReactiveBridge bridge;
  private final ToolExecutions executions;
  private final AuditLog audit;
  private final Instance<Guard> guards;
  private final ObjectMapper json;
  private final EffectJournal journal;

  ToolCalls(
      Pool pool,
      ReactiveBridge bridge,
      ToolExecutions executions,
      AuditLog audit,
      @Any Instance<Guard> guards,
      ObjectMapper json,
      EffectJournal journal) {
    this.pool = pool;
    this.bridge = bridge;
    this.executions = executions;
    this.audit = audit;
    this.guards = guards;
    this.json = json;
    this.journal = journal;
  }

  /** The call the gate is running on this thread; a tool outside the gate is a bug. */
  public GateCall current() {
    GateCall call = CURRENT.get();
    if (call == null) {
      throw new IllegalStateException("a tool ran outside the tool gate");
    }
    return call;
  }

  /** Who the running call acts for. */
  public Caller caller() {
    return current().caller();
  }

  /**
   * Runs the tool's side effect once for the call's idempotency key, under the backend's fault
   * tolerance (a retry repeats the whole transaction, so it can never act twice). A key already
   * used answers the first call's stored result and changes nothing. The call is written down with
   * its conversation as running before the effect, and with its outcome and the customer's line in
   * the effect's transaction ({@link EffectJournal}): whatever happens to the turn afterwards, what
   * the effect did is in the transcript.
   */
  public <T> T effect(String backend, Function<SqlConnection, Uni<T>> work, Class<T> type) {
    return effect(guards.select(Identifier.Literal.of(backend)).get(), work, type);
  }

  /** {@link #effect(String, Function, Class)} under a guard made elsewhere (a connector's). */
  public <T> T effect(Guard guard, Function<SqlConnection, Uni<T>> work, Class<T> type) {
    GateCall call = current();
    if (call.idempotencyKey() == null) {
      throw new IllegalStateException(call.tool().name() + " is not declared as a side effect");
    }
    Long id = bridge.await(() -> journal.started(pool, call));
    call.journaled(id);
    T result;
    try {
      result =
          bridge.await(
              () ->
                  guard.get(
                      () -> pool.withTransaction(conn -> once(conn, call, id, work, type)),
                      new TypeLiteral<Uni<T>>() {}));
    } catch (RuntimeException failure) {
      if (id != null) {
        failed(call, id, failure);
      }
      throw failure;
    }
    call.markAudited();
    return result;
  }

  /** Claims the key, then acts (recording the effect, its audit row and its trace) or replays. */
  private <T> Uni<T> once(
      SqlConnection conn,
      GateCall call,
      Long id,
      Function<SqlConnection, Uni<T>> work,
      Class<T> type) {
    return executions
        .claim(conn, call)
        .chain(
            earlier ->
                earlier.isPresent()
                    ? replay(conn, call, earlier.get(), type)
                        .call(
                            r ->
                                id == null
                                    ? Uni.createFrom().voidItem()
                                    : journal.ran(conn, call, id, r, null))
                    : work.apply(conn)
                        .call(r -> executions.complete(conn, call, r))
                        .call(r -> audit.write(conn, GateAudit.entry(call, "executed", null, r)))
                        .call(
                            r ->
                                id == null
                                    ? Uni.createFrom().voidItem()
                                    : journal.ran(conn, call, id, r, EffectTrace.of(call, r))));
  }

  /** The effect did nothing: its running record says so (if the database still answers). */
  private void failed(GateCall call, long id, RuntimeException failure) {
    try {
      bridge.await(() -> journal.failed(pool, call, id, failure.toString()));
    } catch (RuntimeException unrecorded) {
      // the record stays "running": recovery then treats the outcome as unknown, the safe side
      LOG.infof(
          "The failure of %s could not be recorded: %s", call.tool().name(), unrecorded.toString());
    }
  }

  private <T> Uni<T> replay(SqlConnection conn, GateCall call, String stored, Class<T> type) {
    T earlier;
    try {
      earlier = json.readValue(stored, type);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(new IllegalStateException("unreadable stored result", e));
    }
    call.note("idempotent replay: this exact call already ran; nothing was done again");
    return audit.write(conn, GateAudit.entry(call, "replayed", null, earlier)).replaceWith(earlier);
  }

  static void bind(GateCall call) {
    CURRENT.set(call);
  }

  static void unbind() {
    CURRENT.remove();
  }

  static GateCall bound() {
    return CURRENT.get();
  }
}
