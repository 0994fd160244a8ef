package io.frontdesk.toolgate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.database.ReactiveBridge;
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

/**
 * What the gate hands a tool while it runs: the call (and so the caller) and, for a side effect,
 * one transaction in which the idempotency key is claimed, the effect made and the audit row
 * written — all three commit together or not at all. Tools reach it by injection; the call is bound
 * to the thread the gate runs the tool on.
 */
@ApplicationScoped
public class ToolCalls {

  private static final ThreadLocal<GateCall> CURRENT = new ThreadLocal<>();

  private final Pool pool;
  private final ReactiveBridge bridge;
  private final ToolExecutions executions;
  private final AuditLog audit;
  private final Instance<Guard> guards;
  private final ObjectMapper json;

  ToolCalls(
      Pool pool,
      ReactiveBridge bridge,
      ToolExecutions executions,
      AuditLog audit,
      @Any Instance<Guard> guards,
      ObjectMapper json) {
    this.pool = pool;
    this.bridge = bridge;
    this.executions = executions;
    this.audit = audit;
    this.guards = guards;
    this.json = json;
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
   * used answers the first call's stored result and changes nothing.
   */
  public <T> T effect(String backend, Function<SqlConnection, Uni<T>> work, Class<T> type) {
    GateCall call = current();
    if (call.idempotencyKey() == null) {
      throw new IllegalStateException(call.tool().name() + " is not declared as a side effect");
    }
    Guard guard = guards.select(Identifier.Literal.of(backend)).get();
    T result =
        bridge.await(
            () ->
                guard.get(
                    () ->
                        pool.withTransaction(
                            conn ->
                                executions
                                    .claim(conn, call)
                                    .chain(
                                        earlier ->
                                            earlier.isPresent()
                                                ? replay(conn, call, earlier.get(), type)
                                                : work.apply(conn)
                                                    .call(r -> executions.complete(conn, call, r))
                                                    .call(
                                                        r ->
                                                            audit.write(
                                                                conn,
                                                                GateAudit.entry(
                                                                    call, "executed", null, r))))),
                    new TypeLiteral<Uni<T>>() {}));
    call.markAudited();
    return result;
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
