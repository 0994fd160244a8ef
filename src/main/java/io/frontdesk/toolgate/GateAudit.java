package io.frontdesk.toolgate;

import io.vertx.core.json.Json;

/** The audit row of one gate decision about one call. */
final class GateAudit {

  private GateAudit() {}

  static AuditEntry entry(GateCall call, String decision, String error, Object result) {
    String trail = call.trail();
    String reason =
        error == null
            ? (trail.isEmpty() ? null : trail)
            : trail.isEmpty() ? error : trail + "; " + error;
    return new AuditEntry(
        "agent",
        call.agent(),
        call.caller().customerId(),
        call.conversationId(),
        call.tool().name(),
        call.arguments(),
        decision,
        reason,
        result == null ? null : result instanceof String s ? s : Json.encode(result));
  }
}
