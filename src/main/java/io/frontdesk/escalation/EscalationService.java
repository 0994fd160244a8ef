package io.frontdesk.escalation;

import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
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
  private final EscalationConfig config;

  EscalationService(
      TicketRepository tickets,
      EscalationNotifier notifier,
      ConsoleFeed console,
      EscalationConfig config) {
    this.tickets = tickets;
    this.notifier = notifier;
    this.console = console;
    this.config = config;
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

  /**
   * What the customer is told, in their language: a new ticket, or that the one they have already
   * gets this too; then when (their tier's response target) and how the team will answer.
   */
  public String customerNotice(Ticket ticket, Escalation escalation) {
    String language = escalation.language();
    String reply =
        Notices.text(
            language,
            Notice.TICKET_REPLY,
            Notices.duration(language, config.responseTime().of(escalation.tier())));
    return Notices.text(
        language,
        ticket.added() ? Notice.TICKET_ADDED : Notice.TICKET_CREATED,
        ticket.ticketId(),
        reply);
  }
}
