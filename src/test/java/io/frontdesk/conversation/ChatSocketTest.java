package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.SocketClient;
import io.frontdesk.testing.TestTokens;
import io.frontdesk.turn.TurnEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer's chat over a real WebSocket: turns, bad input, limits, the feed, resuming. */
@QuarkusTest
class ChatSocketTest {

  static final String PATH = "/ws/chat";

  @TestHTTPResource("/")
  URI base;

  @Inject Pool pool;
  @Inject ConversationFeed feed;
  @Inject MeterRegistry registry;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private SocketClient chat(String customer) {
    return SocketClient.connect(base, PATH, TestTokens.customer(customer));
  }

  /** A conversation of the customer's, with one answered turn. */
  private UUID conversation(String customer) {
    model.enqueue(Reply.text("Hello! How can I help?"));
    return UUID.fromString(
        Inquiries.ask(customer, "hello there, a question", null).getString("conversationId"));
  }

  private void publish(UUID conversation, String feedback) {
    pool.withTransaction(
            db ->
                feed.publish(
                    db,
                    conversation,
                    List.of(
                        new TurnEvent.ApprovalDecided(
                            UUID.randomUUID(), "rejected", "agt_test", feedback))))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  @Test
  void aMessageStreamsTheTurnAndTheNextMessageContinuesTheConversation() {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"rate limit 429\"}"),
        Reply.text("Requests over your plan's limit get 429 (KB-1050)."));
    try (SocketClient chat = chat("cus_0027")) {
      chat.send(new JsonObject().put("type", "message").put("text", "I keep getting error 429"));
      List<JsonObject> turn = chat.turn();
      List<String> types = turn.stream().map(e -> e.getString("type")).toList();
      assertEquals("turn_started", types.getFirst(), "" + types);
      assertTrue(types.indexOf("tool_call") < types.indexOf("tool_result"), "" + types);
      assertTrue(types.contains("text"), "" + types);
      JsonObject done = turn.getLast();
      assertTrue(done.getBoolean("resolved"), done.encode());
      String conversation = done.getString("conversationId");

      model.enqueue(Reply.text("You're welcome."));
      chat.send(
          new JsonObject()
              .put("type", "message")
              .put("text", "thank you, and what about the limit for the pro plan?")
              .put("conversationId", conversation));
      JsonObject second = chat.turn().getLast();
      assertEquals(conversation, second.getString("conversationId"));
      assertEquals(
          2,
          io.frontdesk.testing.Database.count(
              pool,
              "select count(*) from message where conversation_id = $1 and role = 'user'",
              UUID.fromString(conversation)));
    }
  }

  @Test
  void badJsonGetsAnErrorEventAndTheConnectionStaysOpen() {
    try (SocketClient chat = chat("cus_0027")) {
      chat.send("{not json");
      JsonObject error = chat.next("error");
      assertEquals("invalid_request", error.getString("code"), error.encode());
      assertTrue(error.getString("message").contains("not JSON"), error.encode());
      chat.send(new JsonObject().put("type", "dance"));
      assertTrue(chat.next("error").getString("message").contains("type must be"));
      chat.send(new JsonObject().put("type", "resume").put("conversationId", "nope"));
      assertTrue(chat.next("error").getString("message").contains("not a UUID"));

      model.enqueue(
          Reply.toolCall("search_knowledge_base", "{\"query\":\"export data\"}"),
          Reply.text("Export it under Settings, Data (KB-1057)."));
      chat.send(new JsonObject().put("type", "message").put("text", "How do I export my data?"));
      assertEquals(
          "Export it under Settings, Data (KB-1057).", chat.turn().getLast().getString("response"));
      assertTrue(!chat.isClosed());
    }
  }

  @Test
  void anOversizeMessageClosesTheConnectionWithAReason() {
    try (SocketClient chat = chat("cus_0027")) {
      chat.send(new JsonObject().put("type", "message").put("text", "x".repeat(9000)));
      assertEquals(1009, chat.closeStatus(Duration.ofSeconds(10)));
      assertTrue(chat.closeReason().contains("limit is 8192"), chat.closeReason());
    }
    assertEquals(0, model.requestCount(), "nothing reached the model");
  }

  @Test
  void anUpgradeWithoutAValidCustomerTokenIsRefused() {
    assertEquals(401, SocketClient.upgradeStatus(base, PATH, null));
    assertEquals(
        401, SocketClient.upgradeStatus(base, PATH, TestTokens.forgedCustomer("cus_0027")));
    assertEquals(
        401, SocketClient.upgradeStatus(base, PATH, TestTokens.expiredCustomer("cus_0027", 600)));
    assertEquals(403, SocketClient.upgradeStatus(base, PATH, TestTokens.agent("agt_test")));
    try (SocketClient byQuery =
        SocketClient.connectWithQueryToken(base, PATH, TestTokens.customer("cus_0027"))) {
      byQuery.send("{}");
      assertEquals("error", byQuery.next("error").getString("type"));
    }
  }

  @Test
  void twoConnectionsOfOneCustomerBothReceiveTheConversationsEvents() {
    UUID conversation = conversation("cus_0028");
    try (SocketClient phone = chat("cus_0028");
        SocketClient laptop = chat("cus_0028")) {
      for (SocketClient c : List.of(phone, laptop)) {
        c.send(
            new JsonObject()
                .put("type", "resume")
                .put("conversationId", conversation.toString())
                .put("after", 0));
      }
      // both follow before anything is published: the replay of an empty feed is nothing
      phone.drain(Duration.ofMillis(300));
      laptop.drain(Duration.ofMillis(300));
      publish(conversation, "first");
      for (SocketClient c : List.of(phone, laptop)) {
        JsonObject event = c.next("approval_decided");
        assertEquals("first", event.getString("feedback"));
        assertEquals(conversation.toString(), event.getString("conversationId"));
        assertTrue(event.getInteger("seq") >= 1, event.encode());
      }
    }
  }

  @Test
  void anotherCustomersConversationCannotBeResumed() {
    UUID conversation = conversation("cus_0028");
    try (SocketClient other = chat("cus_0029")) {
      other.send(
          new JsonObject()
              .put("type", "resume")
              .put("conversationId", conversation.toString())
              .put("after", 0));
      assertEquals("not_found", other.next("error").getString("code"));
    }
  }

  @Test
  void aReconnectWithTheLastSequenceNumberGetsExactlyTheMissedEvents() {
    UUID conversation = conversation("cus_0037");
    publish(conversation, "one");
    publish(conversation, "two");
    int last;
    try (SocketClient first = chat("cus_0037")) {
      first.send(
          new JsonObject().put("type", "resume").put("conversationId", conversation.toString()));
      first.next(e -> "one".equals(e.getString("feedback")), Duration.ofSeconds(10));
      last =
          first
              .next(e -> "two".equals(e.getString("feedback")), Duration.ofSeconds(10))
              .getInteger("seq");
    }
    publish(conversation, "three");
    publish(conversation, "four");
    try (SocketClient again = chat("cus_0037")) {
      again.send(
          new JsonObject()
              .put("type", "resume")
              .put("conversationId", conversation.toString())
              .put("after", last));
      again.next("approval_decided");
      again.next("approval_decided");
      List<JsonObject> replay =
          again.seen().stream()
              .filter(e -> e.getString("type").equals("approval_decided"))
              .toList();
      assertEquals(
          List.of("three", "four"), replay.stream().map(e -> e.getString("feedback")).toList());
      assertEquals(
          List.of(last + 1, last + 2), replay.stream().map(e -> e.getInteger("seq")).toList());
      assertTrue(again.drain(Duration.ofMillis(500)).isEmpty(), "nothing more was replayed");
      publish(conversation, "five");
      JsonObject live = again.next("approval_decided");
      assertEquals("five", live.getString("feedback"));
      assertEquals(last + 3, live.getInteger("seq"));
    }
  }

  @Test
  void oneConnectionFollowsAtMostTwentyConversations() {
    List<UUID> mine = new java.util.ArrayList<>();
    for (int i = 0; i <= ChatSocket.MAX_FOLLOWED; i++) {
      UUID id = UUID.randomUUID();
      pool.preparedQuery(
              "insert into conversation (id, customer_id, channel, topology, active_agent, status,"
                  + " created_at, updated_at) values ($1, 'cus_0039', 'websocket', 'single',"
                  + " 'support', 'open', now(), now())")
          .execute(Tuple.of(id))
          .await()
          .atMost(Duration.ofSeconds(10));
      mine.add(id);
    }
    try (SocketClient chat = chat("cus_0039")) {
      for (UUID id : mine) {
        chat.send(new JsonObject().put("type", "resume").put("conversationId", id.toString()));
      }
      JsonObject refused = chat.next("error");
      assertTrue(refused.getString("message").contains("at most 20"), refused.encode());
      assertTrue(chat.drain(Duration.ofMillis(300)).isEmpty(), "one refusal, for the 21st");
      assertTrue(!chat.isClosed());
    }
  }

  @Test
  void aClientThatNeverReadsIsClosedNotBufferedForever() {
    UUID conversation = conversation("cus_0038");
    int events = 3000;
    pool.preparedQuery(
            "insert into conversation_event (conversation_id, seq, type, payload, created_at)"
                + " select $1, g, 'agent_message', jsonb_build_object('type', 'agent_message',"
                + " 'agent', 'agt_test', 'text', repeat('x', 8000)), now() from generate_series(1,"
                + " $2) g")
        .execute(Tuple.of(conversation, events))
        .await()
        .atMost(Duration.ofSeconds(30));
    Counter tooSlow = ChatSocket.tooSlow(registry, "chat");
    double closedBefore = tooSlow.count();
    try (SocketClient slow = chat("cus_0038")) {
      slow.stopReading();
      slow.send(
          new JsonObject().put("type", "resume").put("conversationId", conversation.toString()));
      // ~24 MB asked for; the server holds at most its 1 MiB outbox beyond what the sockets take,
      // then gives up on the client while it still reads nothing
      Eventually.await(
          "the server closes the client that does not read", () -> tooSlow.count() > closedBefore);
      slow.resumeReading();
      assertEquals(1008, slow.closeStatus(Duration.ofSeconds(30)));
      assertTrue(slow.closeReason().contains("too slow"), slow.closeReason());
      long delivered =
          slow.drain(Duration.ofMillis(200)).stream()
              .filter(e -> "agent_message".equals(e.getString("type")))
              .count();
      assertTrue(delivered < events, "delivered " + delivered + " of " + events);
    }
  }
}
