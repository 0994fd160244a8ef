package io.frontdesk.toolgate;

import java.util.Map;
import java.util.UUID;

/** One line of the append-only audit log: who did what, with which arguments, and the decision. */
public record AuditEntry(
    String actorType,
    String actorId,
    String customerId,
    UUID conversationId,
    String action,
    Map<String, Object> arguments,
    String decision,
    String reason,
    String result) {}
