package io.frontdesk.console;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Database;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.SocketClient;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The human side over real sockets: a takeover pauses the bot, the agent's replies reach the
 * customer's chat and the model's memory, hand-back returns the conversation to the bot; tickets
 * appear live on the console and resolving one tells the customer.
 */
@QuarkusTest
class TakeoverTest {

  static final String AGENT = "agt_takeover";

  @TestHTTPResource("/")
  URI base;

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private static void post(String path, Object body, int status) {
    var request = Inquiries.asAgent(AGENT).contentType(ContentType.JSON);
    if (body != null) {
      request = request.body(body);
    }
    request.post(path).then().statusCode(status);
  }

  private static JsonObject message(String text, String conversation) {
    return new JsonObject()
        .put("type", "message")
        .put("text", text)
        .put("conversationId", conversation);
  }

  @Test
  void aTakenOverConversationIsAnsweredByTheAgentAndReturnsToTheBotWithTheRepliesInMemory() {
    try (SocketClient chat =
            SocketClient.connect(base, "/ws/chat", TestTokens.customer("cus_0047"));
        SocketClient console = SocketClient.connect(base, "/ws/console", TestTokens.agent(AGENT))) {
      console.next("console_ready");
      model.enqueue(
          Reply.toolCall("list_invoices", "{}"), Reply.text("Your latest invoice is paid."));
      chat.send(new JsonObject().put("type", "message").put("text", "Is my invoice paid?"));
      String conversation = chat.turn().getLast().getString("conversationId");
      String path = "/api/v1/console/conversations/" + conversation;
      assertEquals(
          "cus_0047",
          console
              .next(
                  e ->
                      "conversation_active".equals(e.getString("type"))
                          && conversation.equals(e.getString("conversationId")),
                  Duration.ofSeconds(20))
              .getString("customerId"));

      post(path + "/takeover", null, 200);
      JsonObject joined = chat.next("agent_joined");
      assertEquals(AGENT, joined.getString("agent"));
      assertEquals(conversation, joined.getString("conversationId"));
      assertEquals(
          conversation,
          console
              .next(
                  e ->
                      "conversation_taken_over".equals(e.getString("type"))
                          && conversation.equals(e.getString("conversationId")),
                  Duration.ofSeconds(20))
              .getString("conversationId"));

      chat.send(new JsonObject().put("type", "typing").put("conversationId", conversation));
      console.next(
          e ->
              "customer_typing".equals(e.getString("type"))
                  && conversation.equals(e.getString("conversationId")),
          Duration.ofSeconds(20));

      int calls = model.requestCount();
      chat.send(message("Can a person check the late fee?", conversation));
      List<JsonObject> relayed = chat.turn();
      assertEquals("", relayed.getLast().getString("response"));
      assertEquals(calls, model.requestCount(), "no model call while a human holds it");
      JsonObject shown =
          console.next(
              e ->
                  "customer_message".equals(e.getString("type"))
                      && conversation.equals(e.getString("conversationId")),
              Duration.ofSeconds(20));
      assertEquals("Can a person check the late fee?", shown.getString("text"));

      post(path + "/messages", Map.of("text", "I waived the late fee of 12.00 for you."), 200);
      JsonObject reply = chat.next("agent_message");
      assertEquals("I waived the late fee of 12.00 for you.", reply.getString("text"));
      assertEquals(AGENT, reply.getString("agent"));
      assertTrue(reply.getInteger("seq") > joined.getInteger("seq"));
      assertEquals(
          1,
          Database.count(
              pool,
              "select count(*) from message where conversation_id = $1 and role = 'assistant'"
                  + " and agent = $2",
              UUID.fromString(conversation),
              "human:" + AGENT));

      post(path + "/handback", null, 200);
      chat.next("agent_left");
      console.next(
          e ->
              "conversation_handed_back".equals(e.getString("type"))
                  && conversation.equals(e.getString("conversationId")),
          Duration.ofSeconds(20));

      model.enqueue(
          Reply.toolCall("list_invoices", "{}"), Reply.text("The late fee was waived, yes."));
      chat.send(message("So the fee is gone?", conversation));
      assertEquals("The late fee was waived, yes.", chat.turn().getLast().getString("response"));
      assertTrue(
          model.requests().get(calls).contains("I waived the late fee of 12.00 for you."),
          "the model sees the agent's reply in memory");
      assertTrue(
          model.requests().get(calls).contains("Can a person check the late fee?"),
          "and the customer's message to the agent");
    }
  }

  @Test
  void onlyTheHoldingAgentMayReplyAndBadInputIsA4xx() {
    model.enqueue(Reply.text("Hello! How can I help?"));
    String conversation =
        Inquiries.ask("cus_0048", "hello, a question", null).getString("conversationId");
    String path = "/api/v1/console/conversations/" + conversation;
    post(path + "/messages", Map.of("text", "hi"), 409);
    post(path + "/handback", null, 409);
    post(path + "/takeover", null, 200);
    post(path + "/takeover", null, 200);
    Inquiries.asAgent("agt_other")
        .contentType(ContentType.JSON)
        .post(path + "/takeover")
        .then()
        .statusCode(409)
        .body("error", org.hamcrest.Matchers.equalTo("conflict"))
        .body("message", containsString(AGENT));
    post(path + "/messages", Map.of("text", "  "), 400);
    post(path + "/messages", Map.of("text", "hi", "customerId", "cus_0001"), 400);
    post("/api/v1/console/conversations/" + UUID.randomUUID() + "/takeover", null, 404);
    Inquiries.as("cus_0048")
        .contentType(ContentType.JSON)
        .post(path + "/takeover")
        .then()
        .statusCode(403);
    Inquiries.asAgent(AGENT)
        .get(path)
        .then()
        .statusCode(200)
        .body("takenOverBy", org.hamcrest.Matchers.equalTo(AGENT));
    Inquiries.asAgent(AGENT)
        .get("/api/v1/console/conversations")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.hasItem(conversation));
    post(path + "/handback", null, 200);
  }

  @Test
  void anEscalationAppearsOnTheConsoleAndResolvingItTellsTheCustomer() {
    try (SocketClient console = SocketClient.connect(base, "/ws/console", TestTokens.agent(AGENT));
        SocketClient chat =
            SocketClient.connect(base, "/ws/chat", TestTokens.customer("cus_0049"))) {
      console.next("console_ready");
      model.enqueue(Reply.text("ESCALATE: customer disputes a charge from last year"));
      chat.send(new JsonObject().put("type", "message").put("text", "I dispute an old charge"));
      JsonObject done = chat.turn().getLast();
      assertTrue(done.getBoolean("escalated"), done.encode());
      String ticketId = done.getString("ticketId");
      JsonObject created =
          console.next(
              e ->
                  "ticket_created".equals(e.getString("type"))
                      && ticketId.equals(e.getJsonObject("ticket").getString("ticketId")),
              Duration.ofSeconds(20));
      assertEquals("agent_request", created.getJsonObject("ticket").getString("reason"));
      assertTrue(created.getLong("seq") > 0);

      Inquiries.asAgent(AGENT)
          .get("/api/v1/console/tickets?status=open")
          .then()
          .statusCode(200)
          .body(
              "find { it.ticketId == '" + ticketId + "' }.reason",
              org.hamcrest.Matchers.equalTo("agent_request"))
          .body(
              "find { it.ticketId == '" + ticketId + "' }.transcript.content",
              org.hamcrest.Matchers.hasItem("I dispute an old charge"));

      post(
          "/api/v1/console/tickets/" + ticketId + "/resolve",
          Map.of("note", "The charge was refunded in full."),
          200);
      JsonObject resolved = chat.next("ticket_resolved");
      assertEquals(ticketId, resolved.getString("ticketId"));
      assertTrue(resolved.getString("text").contains("The charge was refunded in full."));
      console.next(
          e ->
              "ticket_resolved".equals(e.getString("type"))
                  && ticketId.equals(e.getString("ticketId")),
          Duration.ofSeconds(20));
      post("/api/v1/console/tickets/" + ticketId + "/resolve", Map.of("note", "again"), 409);
      post("/api/v1/console/tickets/TCK-99999999/resolve", Map.of("note", "x"), 404);
      Inquiries.asAgent(AGENT)
          .get("/api/v1/console/tickets?status=nonsense")
          .then()
          .statusCode(400);
      assertFalse(chat.isClosed());
    }
  }
}
