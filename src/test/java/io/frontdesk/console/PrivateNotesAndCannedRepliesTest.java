package io.frontdesk.console;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.testing.Database;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.RecordedRequest;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Private notes stay with the agents on every channel (REST transcript and feed, SSE, /ws/chat, the
 * model's memory); canned replies reach the customer with their placeholders filled in.
 */
@QuarkusTest
class PrivateNotesAndCannedRepliesTest {

  static final String AGENT = "agt_notes";

  @TestHTTPResource("/")
  URI base;

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private static void post(String path, Object body) {
    Inquiries.asAgent(AGENT)
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then()
        .statusCode(200);
  }

  @Test
  void aPrivateNoteReachesNoCustomerChannelAndNoModel() {
    String secret = "note" + UUID.randomUUID().toString().substring(0, 8);
    try (SocketClient chat =
            SocketClient.connect(base, "/ws/chat", TestTokens.customer("cus_0152"));
        SocketClient console = SocketClient.connect(base, "/ws/console", TestTokens.agent(AGENT))) {
      console.next("console_ready");
      model.enqueue(Reply.text("Happy to help with that."));
      chat.send(new JsonObject().put("type", "message").put("text", "Hello, a question"));
      String conversation = chat.turn().getLast().getString("conversationId");
      String path = "/api/v1/console/conversations/" + conversation;

      post(path + "/notes", Map.of("text", "Careful: " + secret + " is a chargeback risk"));
      JsonObject added = console.next("note_added");
      assertEquals(conversation, added.getString("conversationId"));
      assertTrue(added.getString("text").contains(secret), "the agents are told");
      Inquiries.asAgent(AGENT)
          .get(path)
          .then()
          .statusCode(200)
          .body("notes[0].author", equalTo(AGENT));

      // a reply after the note: the chat got everything up to it, and no note
      post(path + "/takeover", Map.of());
      post(path + "/messages", Map.of("text", "A person here, hello"));
      chat.next("agent_message");
      post(path + "/handback", Map.of());
      chat.next("agent_left");
      assertFalse(chat.seen().toString().contains(secret), "not over /ws/chat");

      // the next turn over SSE: neither its events nor what the model was sent hold the note
      int before = model.requests().size();
      model.enqueue(Reply.text("Your latest invoice is paid."));
      List<JsonNode> events =
          Inquiries.stream(
              "cus_0152", "Is my latest invoice paid already?", UUID.fromString(conversation));
      assertFalse(events.toString().contains(secret), "not over SSE");
      List<RecordedRequest> sent = model.requests();
      assertTrue(sent.size() > before, "the model was asked");
      assertTrue(
          sent.getLast().body().contains("A person here, hello"), "the memory holds the reply");
      for (RecordedRequest request : sent) {
        assertFalse(request.body().contains(secret), "not in the model's memory");
      }

      // nor in the transcript and the feed the customer reads over REST
      String transcript =
          Inquiries.as("cus_0152")
              .get("/api/v1/conversations/" + conversation)
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertTrue(transcript.contains("A person here, hello"), transcript);
      assertFalse(transcript.contains(secret), "not in the REST transcript");
      String feed =
          Inquiries.as("cus_0152")
              .accept(ContentType.JSON)
              .get("/api/v1/conversations/" + conversation + "/events")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertTrue(feed.contains("agent_message"), feed);
      assertFalse(feed.contains(secret), "not in the REST feed");
      assertEquals(
          0,
          Database.count(
              pool, "select count(*) from message where content like '%' || $1 || '%'", secret));
    }
  }

  @Test
  void aCannedReplyReachesTheCustomerWithTheirNameFilledIn() {
    String shortcut = "hello-" + UUID.randomUUID().toString().substring(0, 6);
    long id =
        Inquiries.asAdmin()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "shortcut",
                    shortcut,
                    "title",
                    "Hello",
                    "body",
                    "Hello {{customer.first_name}}, this is {{agent}}. How can I help?"))
            .post("/api/v1/admin/canned-replies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    String name = InboxSeed.name(pool, "cus_0153");
    String expected = "Hello " + name.split(" ")[0] + ", this is " + AGENT + ". How can I help?";

    try (SocketClient chat =
        SocketClient.connect(base, "/ws/chat", TestTokens.customer("cus_0153"))) {
      model.enqueue(Reply.text("Let me check."));
      chat.send(new JsonObject().put("type", "message").put("text", "My plan please"));
      String conversation = chat.turn().getLast().getString("conversationId");
      String path = "/api/v1/console/conversations/" + conversation;

      String filled =
          Inquiries.asAgent(AGENT)
              .get(path + "/canned-replies")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("find { it.id == " + id + " }.text");
      assertEquals(expected, filled);
      post(path + "/takeover", Map.of());
      post(path + "/messages", Map.of("text", filled));
      assertEquals(expected, chat.next("agent_message").getString("text"));
    }
  }

  @Test
  void cannedRepliesAreAnAdminsToManageAndUnknownPlaceholdersAreRefused() {
    Map<String, String> reply =
        Map.of("shortcut", "refund-policy", "title", "Refunds", "body", "Hi {{customer.nick}}");
    Inquiries.asAdmin()
        .contentType(ContentType.JSON)
        .body(reply)
        .post("/api/v1/admin/canned-replies")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.containsString("customer.nick"));
    Inquiries.asAgent(AGENT)
        .contentType(ContentType.JSON)
        .body(Map.of("shortcut", "x", "title", "X", "body", "Hi"))
        .post("/api/v1/admin/canned-replies")
        .then()
        .statusCode(403);
    Inquiries.asAgent(AGENT)
        .contentType(ContentType.JSON)
        .body(Map.of("text", " "))
        .post("/api/v1/console/conversations/" + UUID.randomUUID() + "/notes")
        .then()
        .statusCode(400);
    Inquiries.asAgent(AGENT)
        .contentType(ContentType.JSON)
        .body(Map.of("text", "a note"))
        .post("/api/v1/console/conversations/" + UUID.randomUUID() + "/notes")
        .then()
        .statusCode(404);
  }
}
