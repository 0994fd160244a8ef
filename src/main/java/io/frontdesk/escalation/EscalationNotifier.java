package io.frontdesk.escalation;

import io.frontdesk.database.Notifications;
import io.frontdesk.http.Webhook;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells human agents about a new ticket: a PostgreSQL notification on channel {@value #CHANNEL}
 * (delivered on commit to every replica, for the console; it carries the ticket's id, the row is
 * the truth) and, when configured, a webhook POST of the ticket retried three times with backoff.
 */
@ApplicationScoped
public class EscalationNotifier {

  public static final String CHANNEL = "frontdesk_tickets";

  private final EscalationConfig config;
  private final Webhook webhook;

  EscalationNotifier(EscalationConfig config, Webhook webhook) {
    this.config = config;
    this.webhook = webhook;
  }

  /**
   * Queues the notification in the ticket's transaction, so it is sent only if the ticket is. Only
   * the id travels: a payload has an 8,000-byte limit that a ticket's text could pass.
   */
  Uni<Void> notifyInTransaction(SqlClient db, Ticket ticket) {
    if (!config.notifyOnEscalation()) {
      return Uni.createFrom().voidItem();
    }
    String payload =
        new JsonObject().put("ticketId", ticket.ticketId()).put("number", ticket.number()).encode();
    return Notifications.send(db, CHANNEL, payload);
  }

  /** Posts to the webhook after commit; failures are logged, never surfaced to the customer. */
  void postWebhook(Ticket ticket) {
    if (config.notifyOnEscalation() && config.webhookUrl().isPresent()) {
      webhook.post(config.webhookUrl().get(), Json.encode(ticket), "ticket " + ticket.ticketId());
    }
  }
}
