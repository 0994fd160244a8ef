package io.frontdesk.ratelimit;

import static io.frontdesk.testing.Database.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontdesk.http.TooManyRequests;
import io.frontdesk.testing.Inquiries;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A customer over the message rate limit gets 429 with Retry-After, and nothing is stored. */
@QuarkusTest
class RateLimitTest {

  private static final String CUSTOMER = "cus_0190";

  @Inject CustomerRateLimiter limiter;
  @Inject Pool pool;

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
