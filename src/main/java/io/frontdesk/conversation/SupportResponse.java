package io.frontdesk.conversation;

import io.frontdesk.turn.TurnEvent;
import java.util.UUID;

/** The seed's SupportResponse, plus the conversation to continue and the confidence. */
public record SupportResponse(
    UUID conversationId,
    String response,
    boolean resolved,
    boolean escalated,
    String ticketId,
    double confidence) {

  static SupportResponse of(TurnEvent.Done done) {
    return new SupportResponse(
        done.conversationId(),
        done.response(),
        done.resolved(),
        done.escalated(),
        done.ticketId(),
        done.confidence());
  }
}
