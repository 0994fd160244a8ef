package io.frontdesk.escalation;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Turns that end with a ticket for a human, and the notification that goes with it. */
@QuarkusTest
class EscalationTurnTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Pool pool;
  @Inject Vertx vertx;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void reset() {
    model.reset();
    WebhookReceiver.reset();
  }

  @Test
  void agentHandOffOpensATicketWithItsContextPackageAndNotifies() throws Exception {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"contract termination clause\"}"),
        Reply.text("ESCALATE: customer disputes the early-termination fee in their contract"));

    JsonPath answer = Inquiries.ask("cus_0009", "Your contract's termination fee is unfair");

    assertTrue(answer.getBoolean("escalated"));
    assertFalse(answer.getBoolean("resolved"));
    String ticketId = answer.getString("ticketId");
    assertTrue(ticketId.matches("TCK-\\d+"), ticketId);
    assertTrue(answer.getString("response").contains("#" + ticketId));

    Row ticket =
        rows(
                pool,
                "select customer_id, conversation_id, status, priority, reason, summary, category,"
                    + " context::text from ticket where id = $1",
                Long.parseLong(ticketId.substring(4)))
            .getFirst();
    assertEquals("cus_0009", ticket.getString("customer_id"));
    assertEquals(UUID.fromString(answer.getString("conversationId")), ticket.getUUID(1));
    assertEquals("open", ticket.getString("status"));
    assertEquals("high", ticket.getString("priority"), "enterprise customer");
    assertEquals("agent_request", ticket.getString("reason"));
    assertEquals(
        "customer disputes the early-termination fee in their contract",
        ticket.getString("summary"));
    JsonNode context = JSON.readTree(ticket.getString("context"));
    assertEquals("agent_request", context.get("reason").asText());
    assertEquals(
        "/api/v1/conversations/" + answer.getString("conversationId"),
        context.get("transcript").asText());
    assertEquals("search_knowledge_base", context.get("toolTrace").get(0).get("tool").asText());
    // RestAssured's JsonPath reads numbers as floats: equal to float precision
    assertEquals(answer.getDouble("confidence"), context.get("confidence").asDouble(), 1e-6);
    assertFalse(context.get("category").asText().isBlank());

    Eventually.await("the webhook", () -> WebhookReceiver.delivered(ticketId) != null);
    JsonNode notified = JSON.readTree(WebhookReceiver.delivered(ticketId));
    assertEquals(ticketId, notified.get("ticketId").asText());
    assertEquals("cus_0009", notified.get("customerId").asText());
  }

  @Test
  void aNewTicketIsAnnouncedOnThePostgresChannelTheConsoleListensTo() {
    List<String> announced = new CopyOnWriteArrayList<>();
    PgSubscriber subscriber = listening(announced);
    try {
      model.enqueue(Reply.text("ESCALATE: check the console feed"));

      String ticketId = Inquiries.ask("cus_0024", "Odd question").getString("ticketId");

      Eventually.await(
          "the ticket on " + EscalationNotifier.CHANNEL,
          () -> announced.stream().anyMatch(p -> p.contains("\"" + ticketId + "\"")));
    } finally {
      subscriber.close().await().atMost(Duration.ofSeconds(10));
    }
  }

  @Test
  void aLongEscalateSummaryIsCutAndTheAnnouncementCarriesOnlyTheTicketId() {
    List<String> announced = new CopyOnWriteArrayList<>();
    PgSubscriber subscriber = listening(announced);
    try {
      String summary =
          "The customer disputes every charge on the account since March. ".repeat(150);
      model.enqueue(Reply.text("ESCALATE: " + summary));

      JsonPath answer = Inquiries.ask("cus_0065", "I dispute all of my charges");

      assertTrue(answer.getBoolean("escalated"), answer.prettify());
      String ticketId = answer.getString("ticketId");
      String stored =
          rows(
                  pool,
                  "select summary from ticket where id = $1",
                  Long.parseLong(ticketId.substring(4)))
              .getFirst()
              .getString(0);
      assertTrue(stored.length() <= 500, "summary of " + stored.length() + " characters");
      assertTrue(stored.startsWith("The customer disputes every charge"), stored);
      Eventually.await(
          "the ticket on " + EscalationNotifier.CHANNEL,
          () -> announced.stream().anyMatch(p -> p.contains("\"" + ticketId + "\"")));
      String payload =
          announced.stream().filter(p -> p.contains("\"" + ticketId + "\"")).findFirst().get();
      assertFalse(payload.contains("disputes"), "the notification carries the id: " + payload);
    } finally {
      subscriber.close().await().atMost(Duration.ofSeconds(10));
    }
  }

  @Test
  void webhookIsRetriedWhenTheReceiverFails() {
    WebhookReceiver.failNext("cus_0010", 2);
    model.enqueue(Reply.text("ESCALATE: needs a human"));

    String ticketId =
        Inquiries.ask("cus_0010", "Something odd with my contract").getString("ticketId");

    Eventually.await("a delivered webhook", () -> WebhookReceiver.delivered(ticketId) != null);
    assertEquals(3, WebhookReceiver.attempts(ticketId), "two failures, then delivered");
  }

  /**
   * A listener on the ticket channel of the database the application uses, as the console's would
   * be, adding every payload to {@code announced}; close it when done.
   */
  private PgSubscriber listening(List<String> announced) {
    Config config = ConfigProvider.getConfig();
    PgConnectOptions options =
        PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url", String.class))
            .setUser(config.getValue("quarkus.datasource.username", String.class))
            .setPassword(config.getValue("quarkus.datasource.password", String.class));
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.channel(EscalationNotifier.CHANNEL).handler(announced::add);
    subscriber.connect().await().atMost(Duration.ofSeconds(10));
    return subscriber;
  }

  @Test
  void aModelThatKeepsCallingToolsIsStoppedAfterTenRoundTrips() {
    model.setDefault(r -> Reply.toolCall("search_knowledge_base", "{\"query\":\"again\"}"));

    JsonPath answer = Inquiries.ask("cus_0011", "Why is my service slow?");

    assertEquals(10, model.requestCount(), "ten model calls, then the turn stops");
    assertTrue(answer.getBoolean("escalated"));
    assertEquals(
        "iteration_limit",
        rows(
                pool,
                "select reason from ticket where conversation_id = $1",
                UUID.fromString(answer.getString("conversationId")))
            .getFirst()
            .getString("reason"));
  }

  @Test
  void aCustomerAskingForAPersonGetsATicketWithoutAModelCall() {
    JsonPath answer = Inquiries.ask("cus_0012", "I want to talk to a human please");

    assertEquals(0, model.requestCount());
    assertTrue(answer.getBoolean("escalated"));
    assertEquals(
        "customer_request",
        rows(
                pool,
                "select reason from ticket where id = $1",
                Long.parseLong(answer.getString("ticketId").substring(4)))
            .getFirst()
            .getString("reason"));
  }

  @Test
  void anAnswerWithoutToolsScoresBelowTheThresholdAndEscalates() {
    model.enqueue(Reply.text("Probably a network issue."));

    JsonPath answer = Inquiries.ask("cus_0014", "My deploy failed");

    // the seed's 0.3 as evidence, nothing grounded: at most 0.5 × 0.3 + 0.25 × the route
    assertTrue(answer.getDouble("confidence") <= 0.4, answer.prettify());
    assertTrue(answer.getBoolean("escalated"));
  }

  @Test
  void aClarifyingQuestionIsARightMoveAndOpensNoTicket() {
    long tickets = count(pool, "select count(*) from ticket where customer_id = 'cus_0015'");
    model.enqueue(Reply.text("Which order should I refund, and how much?"));

    JsonPath answer = Inquiries.ask("cus_0015", "I'd like a refund for my last order.");

    assertFalse(answer.getBoolean("escalated"), answer.prettify());
    assertTrue(answer.getDouble("confidence") >= 0.75, answer.prettify());
    assertEquals(
        tickets, count(pool, "select count(*) from ticket where customer_id = 'cus_0015'"));
  }

  @Test
  void aSecondEscalationInAConversationAddsToItsOpenTicketWhichKeepsTheConversationOpen() {
    String customer = "cus_0233";
    model.enqueue(Reply.text("ESCALATE: customer disputes the March charge"));
    JsonPath first = Inquiries.ask(customer, "I dispute the March charge on my card");
    UUID conversation = UUID.fromString(first.getString("conversationId"));
    String ticket = first.getString("ticketId");
    model.enqueue(Reply.text("ESCALATE: customer also wants the April invoice re-issued"));

    JsonPath second =
        Inquiries.ask(customer, "And the April invoice has the wrong address on it", conversation);

    assertTrue(second.getBoolean("escalated"), second.prettify());
    assertEquals(ticket, second.getString("ticketId"), "the same ticket");
    assertTrue(
        second.getString("response").contains("added this to your open support ticket (#" + ticket),
        "the customer hears it is the same ticket: " + second.getString("response"));
    List<Row> tickets =
        rows(pool, "select status, context from ticket where conversation_id = $1", conversation);
    assertEquals(1, tickets.size(), "one open ticket per conversation");
    JsonNode reasons = context(tickets.getFirst()).get("reasons");
    assertEquals(2, reasons.size(), reasons.toString());
    assertEquals("customer disputes the March charge", reasons.get(0).get("summary").asText());
    assertEquals(
        "customer also wants the April invoice re-issued", reasons.get(1).get("summary").asText());
    assertEquals("agent_request", reasons.get(1).get("reason").asText());

    // a closing the desk answers fully: the conversation stays open while its ticket is
    model.enqueue(Reply.text("You're welcome! Our team will be in touch."));
    JsonPath thanks = Inquiries.ask(customer, "Great, thank you so much. Bye!", conversation);
    assertFalse(thanks.getBoolean("escalated"), thanks.prettify());
    assertEquals("escalated", status(conversation), "not resolved while its ticket is open");

    Inquiries.asAgent("agt_rita")
        .contentType(io.restassured.http.ContentType.JSON)
        .body(java.util.Map.of("note", "Both sorted."))
        .post("/api/v1/console/tickets/" + ticket + "/resolve")
        .then()
        .statusCode(200);
    assertEquals("resolved", status(conversation), "resolved with its ticket");
  }

  private String status(UUID conversation) {
    return rows(pool, "select status from conversation where id = $1", conversation)
        .getFirst()
        .getString(0);
  }

  private static JsonNode context(Row ticket) {
    try {
      return JSON.readTree(ticket.getValue("context").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
