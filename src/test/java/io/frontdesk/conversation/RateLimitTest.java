package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.http.TooManyRequests;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
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
import org.junit.jupiter.api.Test;

/**
 * A customer over the message rate limit gets 429 with Retry-After on REST and SSE and an error
 * event on the socket, and nothing is stored.
 */
@QuarkusTest
class RateLimitTest {

  private static final String CUSTOMER = "cus_0190";

  @Inject CustomerRateLimiter limiter;
  @Inject Pool pool;

  @TestHTTPResource("/")
  URI base;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @Test
  void aCustomerOverTheLimitGets429WithRetryAfterOnRestAndSse() {
    exhaust();
    long conversations =
        count(pool, "select count(*) from conversation where customer_id = '" + CUSTOMER + "'");

    Inquiries.send(CUSTOMER, "Which plan am I on?", null)
        .statusCode(429)
        .contentType(ContentType.JSON)
        .header("Retry-After", notNullValue())
        .body("error", equalTo("rate_limited"));
    exhaust();
    Inquiries.as(CUSTOMER)
        .contentType(ContentType.JSON)
        .body(Inquiries.body("Which plan am I on?", null))
        .post("/api/v1/inquiries/stream")
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue())
        .body("error", equalTo("rate_limited"));

    assertEquals(
        conversations,
        count(pool, "select count(*) from conversation where customer_id = '" + CUSTOMER + "'"),
        "nothing was stored");
  }

  @Test
  void aCustomerOverTheLimitGetsAnErrorEventOnTheSocketAndStaysConnected() {
    model.reset();
    long conversations = conversations();
    try (SocketClient chat =
        SocketClient.connect(base, "/ws/chat", TestTokens.customer(CUSTOMER))) {
      exhaust();
      chat.send(new JsonObject().put("type", "message").put("text", "Which plan am I on?"));
      JsonObject error = chat.next("error");
      assertEquals("rate_limited", error.getString("code"), error.encode());
      assertTrue(error.getString("message").matches(".*retry in \\d+ s.*"), error.encode());
      assertFalse(chat.isClosed(), "the connection stays open");
    }
    assertEquals(conversations, conversations(), "nothing was stored");
    assertEquals(0, model.requestCount(), "nothing reached the model");
  }

  private long conversations() {
    return count(pool, "select count(*) from conversation where customer_id = '" + CUSTOMER + "'");
  }

  /**
   * Uses up the customer's bucket directly (the test limit is high so other tests never hit it).
   */
  private void exhaust() {
    for (int i = 0; i < 100_000; i++) {
      try {
        limiter.acquire(CUSTOMER);
      } catch (TooManyRequests limited) {
        return;
      }
    }
    throw new AssertionError("the limiter never refused");
  }
}
