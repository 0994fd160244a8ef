package io.frontdesk.escalation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opens a ticket with its context package and notifies human agents. The ticket is opened inside
 * the transaction that stores the turn, so a ticket never exists without the turn that opened it;
 * the announcement on PostgreSQL's channel is delivered by that commit and the webhook follows it.
 */
@ApplicationScoped
public class EscalationService {

  private final TicketRepository tickets;
  private final EscalationNotifier notifier;

  EscalationService(TicketRepository tickets, EscalationNotifier notifier) {
    this.tickets = tickets;
    this.notifier = notifier;
  }

  /** Opens the ticket in {@code db}'s transaction and queues its announcement for the commit. */
  public Uni<Ticket> open(SqlClient db, Escalation escalation) {
    return tickets.open(db, escalation).call(ticket -> notifier.notifyInTransaction(db, ticket));
  }

  /** After the ticket's transaction committed: the webhook (never delays the customer). */
  public void committed(Ticket ticket) {
    notifier.postWebhook(ticket);
  }

  /** What the customer is told. */
  public static String customerNotice(Ticket ticket) {
    return "I've created a support ticket (#%s) for you. Our team will respond shortly."
        .formatted(ticket.ticketId());
  }
}
