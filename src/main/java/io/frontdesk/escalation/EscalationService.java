package io.frontdesk.escalation;

import io.frontdesk.feed.ConsoleFeed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opens a ticket with its context package and notifies human agents. The ticket is opened inside
 * the caller's transaction (the one that stores the turn, or an approval's outcome), so a ticket
 * never exists without what opened it; its NOTIFY is delivered by that commit and the webhook
 * follows it.
 */
@ApplicationScoped
public class EscalationService {

  private final TicketRepository tickets;
  private final EscalationNotifier notifier;
  private final ConsoleFeed console;

  EscalationService(TicketRepository tickets, EscalationNotifier notifier, ConsoleFeed console) {
    this.tickets = tickets;
    this.notifier = notifier;
    this.console = console;
  }

  /**
   * Opens the ticket inside the caller's transaction {@code db} (its NOTIFY is sent only if that
   * commits), or adds the escalation to its conversation's open ticket; call {@link #announce}
   * after the commit for the webhook.
   */
  public Uni<Ticket> open(SqlClient db, Escalation escalation) {
    return tickets
        .openOrAdd(db, escalation)
        .call(ticket -> notifier.notifyInTransaction(db, ticket))
        .call(
            ticket ->
                console.publish(
                    db, ticket.added() ? "ticket_updated" : "ticket_created", "ticket", ticket));
  }

  /** The webhook for a ticket whose transaction committed (never delays the customer). */
  public void announce(Ticket ticket) {
    notifier.postWebhook(ticket);
  }

  /** What the customer is told: a new ticket, or that the one they have already gets this too. */
  public static String customerNotice(Ticket ticket) {
    if (ticket.added()) {
      return ("I've added this to your open support ticket (#%s), so the same person sees the whole"
              + " conversation. Our team will respond shortly.")
          .formatted(ticket.ticketId());
    }
    return "I've created a support ticket (#%s) for you. Our team will respond shortly."
        .formatted(ticket.ticketId());
  }
}
