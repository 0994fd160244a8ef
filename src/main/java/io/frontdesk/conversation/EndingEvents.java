package io.frontdesk.conversation;

import io.frontdesk.escalation.Escalation;
import io.frontdesk.escalation.Ticket;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import io.frontdesk.turn.TurnEvent;
import java.util.ArrayList;
import java.util.List;

/** The last events of a turn, sent only once its ending is stored — or once it could not be. */
final class EndingEvents {

  private EndingEvents() {}

  /**
   * The ending's events, then the ticket when one opened, then done; what the customer reads in
   * them has been through {@link CustomerText}, as the transcript they reload has.
   */
  static List<TurnEvent> stored(TurnContext turn, Ending ending, EndingStore.Stored stored) {
    List<TurnEvent> events = new ArrayList<>(ending.events());
    Ticket ticket = stored.ticket();
    if (ticket == null) {
      events.add(
          new TurnEvent.Done(
              turn.conversationId(),
              CustomerText.visible(ending.answer()),
              ending.resolved(),
              false,
              null,
              ending.confidence()));
      return events;
    }
    Escalation escalation = stored.escalation();
    String notice = CustomerText.visible(stored.notice());
    events.add(
        new TurnEvent.Escalated(
            ticket.ticketId(), escalation.reason().code(), escalation.summary(), notice));
    events.add(
        new TurnEvent.Done(
            turn.conversationId(), notice, false, true, ticket.ticketId(), ending.confidence()));
    return events;
  }

  /** Nothing of the turn was kept, and the customer is told so. */
  static List<TurnEvent> notSaved(TurnContext turn) {
    String notSaved = Notices.text(turn.language(), Notice.NOT_SAVED);
    return List.of(
        new TurnEvent.Error("not_saved", notSaved),
        new TurnEvent.Done(turn.conversationId(), notSaved, false, false, null, 0.0));
  }
}
