package io.frontdesk.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A conversation's header row; {@code language}: the customer's (ISO 639-1), null until read. */
public record Conversation(
    UUID id,
    String customerId,
    String channel,
    String topology,
    String activeAgent,
    String status,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    String language) {}
