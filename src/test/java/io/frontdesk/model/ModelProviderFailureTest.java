package io.frontdesk.model;

import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Hold;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model endpoint that fails, throttles or hangs: one layer retries (attempts counted at the
 * scripted server), the offline model answers or a ticket opens, never a 500 or a hung turn.
 */
@QuarkusTest
class ModelProviderFailureTest {

  private static final String PLAN = "Which plan am I on?";
  // a dispute is what the offline model hands to a person (a refund it asks the gate for)
  private static final String DISPUTE = "I never authorised this charge on my card, I dispute it";

  @Inject Pool pool;
  @Inject ModelEndpoints endpoints;
  @Inject ProviderConfig config;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void reset() {
    model.reset();
    endpoints.closeAll();
  }

  @AfterEach
  void closeCircuits() {
    // a circuit left open would send the next tests' turns to the offline model
    endpoints.closeAll();
    model.reset();
  }

  @Test
  void anEndpointAnswering500sIsTriedThreeTimesThenTheOfflineModelAnswers() {
    model.setDefault(r -> Reply.error(500, "internal error"));

    JsonPath answer = Inquiries.ask("cus_0181", PLAN);

    assertEquals(config.maxAttempts(), model.requestCount(), "one layer retries: 3 attempts");
    assertEquals(3, model.requestCount());
    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    assertTrue(answer.getString("response").toLowerCase().contains("plan"), answer.prettify());
  }

  @Test
  void whatTheOfflineModelCannotResolveBecomesAModelUnavailableTicket() {
    model.setDefault(r -> Reply.error(503, "upstream overloaded"));

    JsonPath answer = Inquiries.ask("cus_0182", DISPUTE);

    assertEquals(3, model.requestCount());
    assertTrue(answer.getBoolean("escalated"), answer.prettify());
    assertEquals("model_unavailable", ticketReason(answer));
  }

  @Test
  void a429IsRetriedAfterItsRetryAfterAndTheModelAnswers() {
    model.enqueue(
        Reply.error(429, "rate limited").withRetryAfter("1"),
        Reply.text("Glad to help: you are on your plan."));

    JsonPath answer = Inquiries.ask("cus_0183", "Hello, quick question about my plan");

    List<RecordedRequest> requests = model.requests();
    assertEquals(2, requests.size(), "the throttled call and its one retry");
    long waited = requests.get(1).receivedNanos() - requests.get(0).receivedNanos();
    assertTrue(
        waited >= Duration.ofSeconds(1).toNanos(),
        "the retry waited for Retry-After: " + waited / 1_000_000 + " ms");
    // the model answered (without tools, so below the confidence threshold), not the fallback
    assertEquals("low_confidence", ticketReason(answer));
  }

  @Test
  void aRetryAfterLongerThanFrontdeskWaitsGoesOfflineAtOnce() {
    model.setDefault(r -> Reply.error(429, "rate limited").withRetryAfter("120"));

    JsonPath answer = Inquiries.ask("cus_0184", PLAN);

    assertEquals(1, model.requestCount(), "no retry after a 120 s Retry-After");
    assertTrue(answer.getBoolean("resolved"), answer.prettify());
  }

  @Test
  void aHangingEndpointIsGivenUpAfterTheCallTimeoutAndTheOfflineModelAnswers() throws Exception {
    Hold hanging = new Hold();
    model.enqueue(Reply.text("too late").heldBy(hanging));
    try {
      CompletableFuture<JsonPath> asked =
          CompletableFuture.supplyAsync(() -> Inquiries.ask("cus_0185", DISPUTE));
      hanging.awaitArrival();
      assertTrue(ExpirableCallTimer.expireAll() >= 1, "the call timeout was pending");
      JsonPath answer = asked.get(30, TimeUnit.SECONDS);

      assertEquals(1, model.requestCount(), "a silent endpoint is not asked again");
      assertTrue(answer.getBoolean("escalated"), answer.prettify());
      assertEquals("model_unavailable", ticketReason(answer));
    } finally {
      hanging.release();
    }
  }

  @Test
  void theCircuitOpensAfterFiveFailedAttemptsAndTheNextTurnSkipsTheEndpoint() {
    model.setDefault(r -> Reply.error(502, "bad gateway"));

    Inquiries.ask("cus_0186", PLAN);
    assertEquals(3, model.requestCount(), "first turn: three attempts");
    Inquiries.ask("cus_0186", PLAN);
    assertEquals(5, model.requestCount(), "second turn: the fifth failure opens the circuit");
    String endpoint = endpoints.endpointOf("support");
    assertEquals(CircuitBreaker.State.OPEN, endpoints.breaker(endpoint).state());

    JsonPath answer = Inquiries.ask("cus_0186", PLAN);

    assertEquals(5, model.requestCount(), "an open circuit sends nothing to the endpoint");
    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    assertNull(answer.getString("ticketId"));
    assertFalse(answer.getBoolean("escalated"));
  }

  private String ticketReason(JsonPath answer) {
    return rows(
            pool,
            "select reason from ticket where id = $1",
            Long.parseLong(answer.getString("ticketId").substring(4)))
        .getFirst()
        .getString(0);
  }
}
