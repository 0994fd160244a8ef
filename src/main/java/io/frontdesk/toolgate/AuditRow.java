package io.frontdesk.toolgate;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One stored audit entry as the API shows it. */
public record AuditRow(
    long id,
    OffsetDateTime occurredAt,
    String actorType,
    String actorId,
    String customerId,
    UUID conversationId,
    String action,
    Map<String, Object> arguments,
    String decision,
    String reason,
    String result) {}
