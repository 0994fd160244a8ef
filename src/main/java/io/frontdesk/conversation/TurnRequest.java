package io.frontdesk.conversation;

import java.util.UUID;

/** One customer message for the engine; the customer id comes from authentication. */
public record TurnRequest(String customerId, UUID conversationId, String message, String channel) {}
