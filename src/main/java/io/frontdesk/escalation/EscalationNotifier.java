package io.frontdesk.escalation;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Tells human agents about a new ticket: a PostgreSQL notification on channel {@value #CHANNEL}
 * (delivered on commit to every replica, for the console; it carries the ticket's id, the row is
 * the truth) and, when configured, a webhook POST of the ticket retried three times with backoff.
 */
@ApplicationScoped
public class EscalationNotifier {

  public static final String CHANNEL = "frontdesk_tickets";
  private static final Logger LOG = Logger.getLogger(EscalationNotifier.class);

  private final EscalationConfig config;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  EscalationNotifier(EscalationConfig config) {
    this.config = config;
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
    return db.preparedQuery("select pg_notify($1, $2)")
        .execute(Tuple.of(CHANNEL, payload))
        .replaceWithVoid();
  }

  /** Posts to the webhook after commit; failures are logged, never surfaced to the customer. */
  void postWebhook(Ticket ticket) {
    if (!config.notifyOnEscalation() || config.webhookUrl().isEmpty()) {
      return;
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(config.webhookUrl().get()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.encode(ticket)))
            .build();
    Uni.createFrom()
        .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
        .invoke(
            response -> {
              if (response.statusCode() >= 300) {
                throw new IllegalStateException("webhook answered " + response.statusCode());
              }
            })
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
        .atMost(2)
        .subscribe()
        .with(
            ok -> LOG.debugf("Webhook notified of %s", ticket.ticketId()),
            failure -> LOG.warnf("Webhook for %s failed: %s", ticket.ticketId(), failure));
  }
}
