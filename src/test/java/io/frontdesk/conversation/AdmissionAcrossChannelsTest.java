package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.http.TooManyRequests;
import io.frontdesk.testing.Hold;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.SocketClient;
import io.frontdesk.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Admission is one step for every channel (TurnAdmission): the same message is refused with the
 * same code on REST, SSE and the WebSocket (over-size, rate limited, busy), before anything is
 * stored or reaches the model; REST and SSE answer with the HTTP status, the socket with an error
 * event, then done, and stays open.
 */
@QuarkusTest
class AdmissionAcrossChannelsTest {

  @Inject CustomerRateLimiter limiter;
  @Inject TurnAdmission admission;
  @Inject MeterRegistry registry;
  @Inject Pool pool;

  @TestHTTPResource("/")
  URI base;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @Test
  void anOversizeMessageIsRefusedWithTheSameReasonOnRestSseAndTheSocket() {
    String customer = "cus_0194";
    String tooLong = "x".repeat(8001);
    model.reset();
    List<Refusal> refusals = refusedEverywhere(customer, tooLong, 400, false);
    for (Refusal refusal : refusals) {
      assertEquals("invalid_request", refusal.code(), refusal.toString());
      assertTrue(refusal.message().contains("limit is 8000"), refusal.toString());
    }
  }

  @Test
  void pastTheInFlightCapATurnIsRefusedBusyOnEveryChannel() throws Exception {
    model.reset();
    Hold hold = new Hold();
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"export data\"}").heldBy(hold),
        Reply.text("Your data export is under Settings, Export (KB-1057)."));
    try (AutoCloseable cap = admission.limitTo(1)) {
      CompletableFuture<JsonPath> running =
          CompletableFuture.supplyAsync(
              () -> Inquiries.ask("cus_0197", "How do I export my data?"));
      hold.awaitArrival();

      List<Refusal> refusals = refusedEverywhere("cus_0198", "Where is my invoice?", 429, false);
      for (Refusal refusal : refusals) {
        assertEquals("busy", refusal.code(), refusal.toString());
        assertEquals(0.0, refusal.limited(), "busy is not the customer's rate limit");
      }

      hold.release();
      assertTrue(running.get(30, TimeUnit.SECONDS).getBoolean("resolved"), "the held turn ends");
    } finally {
      hold.release();
    }
  }

  @Test
  void aRateLimitedCustomerIsRefusedOnceOnEachChannelWithTheWait() {
    String customer = "cus_0196";
    model.reset();
    List<Refusal> refusals = refusedEverywhere(customer, "Which plan am I on?", 429, true);
    for (Refusal refusal : refusals) {
      assertEquals("rate_limited", refusal.code(), refusal.toString());
      assertTrue(refusal.message().matches(".*retry in \\d+ s.*"), refusal.toString());
      assertEquals(1.0, refusal.limited(), "counted once in frontdesk.rate.limited: " + refusal);
    }
  }

  /**
   * What a channel answered: the code and message of its error, and how much {@code
   * frontdesk.rate.limited} rose while it answered.
   */
  private record Refusal(String channel, String code, String message, double limited) {}

  /**
   * Sends the same message on REST, SSE and the socket (the customer's bucket emptied before each
   * when {@code limited}) and returns the three refusals, having checked that nothing was stored
   * and no model call was made for them.
   */
  private List<Refusal> refusedEverywhere(
      String customer, String text, int status, boolean limited) {
    long conversations = conversations(customer);
    long messages = messages(customer);
    int modelCalls = model.requestCount();

    if (limited) {
      exhaust(customer);
    }
    Refusal rest = http(customer, text, "/api/v1/inquiries", status, "rest");
    if (limited) {
      exhaust(customer);
    }
    Refusal sse = http(customer, text, "/api/v1/inquiries/stream", status, "sse");
    Refusal socket;
    try (SocketClient chat =
        SocketClient.connect(base, "/ws/chat", TestTokens.customer(customer))) {
      if (limited) {
        exhaust(customer);
      }
      double before = rateLimited();
      chat.send(new JsonObject().put("type", "message").put("text", text));
      List<JsonObject> turn = chat.turn();
      JsonObject error = turn.getFirst();
      assertEquals("error", error.getString("type"), turn.toString());
      assertEquals("done", turn.getLast().getString("type"), "the refused turn is over");
      assertFalse(chat.isClosed(), "the connection stays open");
      socket =
          new Refusal(
              "websocket",
              error.getString("code"),
              error.getString("message"),
              rateLimited() - before);
    }

    assertEquals(conversations, conversations(customer), "no conversation was stored");
    assertEquals(messages, messages(customer), "no message was stored");
    assertEquals(modelCalls, model.requestCount(), "nothing reached the model");
    return List.of(rest, sse, socket);
  }

  private Refusal http(String customer, String text, String path, int status, String name) {
    double before = rateLimited();
    Response response =
        Inquiries.as(customer)
            .contentType(ContentType.JSON)
            .body(Inquiries.body(text, null))
            .post(path);
    assertEquals(status, response.statusCode(), name + ": " + response.asString());
    assertTrue(response.contentType().startsWith("application/json"), name);
    if (status == 429) {
      assertNotNull(response.header("Retry-After"), name + " tells the wait");
    }
    return new Refusal(
        name,
        response.jsonPath().getString("error"),
        response.jsonPath().getString("message"),
        rateLimited() - before);
  }

  private double rateLimited() {
    return registry.counter("frontdesk.rate.limited").count();
  }

  private long conversations(String customer) {
    return count(pool, "select count(*) from conversation where customer_id = '" + customer + "'");
  }

  private long messages(String customer) {
    return count(
        pool,
        "select count(*) from message m join conversation c on c.id = m.conversation_id"
            + " where c.customer_id = '"
            + customer
            + "'");
  }

  /** Empties the customer's bucket (the test profile's burst is high so no other test hits it). */
  private void exhaust(String customer) {
    for (int i = 0; i < 100_000; i++) {
      try {
        limiter.acquire(customer);
      } catch (TooManyRequests limited) {
        return;
      }
    }
    throw new AssertionError("the limiter never refused");
  }
}
