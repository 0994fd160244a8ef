package io.frontdesk.conversation;

import jakarta.validation.constraints.NotBlank;
import java.util.UUID;

/** A customer's message; without a conversation id it starts a new conversation. */
public record InquiryRequest(@NotBlank String message, UUID conversationId) {}
