package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.count;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Hold;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Past the cap on turns in flight a new customer turn is refused at once with 429 busy and
 * Retry-After, on REST and SSE: nothing stored, no ticket, no hang; once a place frees up the next
 * turn runs.
 */
@QuarkusTest
class TurnBackPressureTest {

  @Inject TurnAdmission admission;
  @Inject EventLoopDelay loopDelay;
  @Inject Pool pool;
  @Inject Vertx vertx;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  /**
   * The cap follows the measured worker-queue delay: any real wait for a worker thread is over a
   * zero target, so the probes every 100 ms shrink the cap from its start (64) to its minimum (16);
   * once the target is back the cap stays (it grows only while turns fill it).
   */
  @Test
  void theCapShrinksToItsMinimumWhileWorkWaitsLongerThanTheTarget() throws Exception {
    try (AutoCloseable saturated = admission.queueDelayTarget(Duration.ZERO)) {
      admission.restartLimit();
      assertTrue(admission.limit() > 16, "the cap starts above its minimum");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (admission.limit() > 16 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(16, admission.limit(), "the cap after the probes");
    }
    Thread.sleep(300);
    assertEquals(16, admission.limit(), "an idle instance does not grow its cap");
  }

  /**
   * An event loop that lags shrinks the cap though the worker pool is free (a streaming burst
   * saturates the loops first): one loop held for 1.5 s leaves its probe waiting past the 200 ms
   * target (the probes' clock is not on an event loop, so it ticks while the loop is held).
   */
  @Test
  void theCapShrinksWhileAnEventLoopLagsThoughTheWorkersAreFree() throws Exception {
    admission.restartLimit();
    int start = admission.limit();
    CountDownLatch holding = new CountDownLatch(1);
    vertx
        .nettyEventLoopGroup()
        .next()
        .execute(
            () -> {
              holding.countDown();
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500));
            });
    assertTrue(holding.await(5, TimeUnit.SECONDS), "the loop took the task");
    Duration longest = Duration.ZERO;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (admission.limit() >= start && System.nanoTime() < deadline) {
      Duration now = loopDelay.current();
      longest = now.compareTo(longest) > 0 ? now : longest;
      Thread.sleep(20);
    }
    assertTrue(admission.limit() < start, "the cap shrank from " + start);
    assertTrue(longest.toMillis() >= 200 || loopDelay.current().toMillis() >= 200, "loop delay");
    admission.restartLimit();
  }

  @Test
  void pastTheCapANewTurnGets429BusyWithRetryAfterAndNothingIsStored() throws Exception {
    Hold hold = new Hold();
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"export data\"}").heldBy(hold),
        Reply.text("Your data export is under Settings, Export (KB-1057)."));
    try (AutoCloseable cap = admission.limitTo(1)) {
      CompletableFuture<JsonPath> running =
          CompletableFuture.supplyAsync(
              () -> Inquiries.ask("cus_0081", "How do I export my data?"));
      hold.awaitArrival();
      assertEquals(1, admission.inFlight());

      Inquiries.send("cus_0082", "BUSY-REST where is my invoice?", null)
          .statusCode(429)
          .header("Retry-After", "2")
          .body("error", equalTo("busy"));
      Inquiries.as("cus_0082")
          .contentType(ContentType.JSON)
          .body(Inquiries.body("BUSY-SSE where is my invoice?", null))
          .post("/api/v1/inquiries/stream")
          .then()
          .statusCode(429)
          .header("Retry-After", "2")
          .body("error", equalTo("busy"));
      assertEquals(
          0, count(pool, "select count(*) from message where content like 'BUSY-%'"), "stored");

      hold.release();
      JsonPath answered = running.get(30, TimeUnit.SECONDS);
      assertTrue(answered.getBoolean("resolved"), answered.prettify());
      assertEquals(0, admission.inFlight(), "the finished turn gave its place back");

      JsonPath next = Inquiries.ask("cus_0082", "How do I export my data?");
      assertTrue(next.getBoolean("resolved"), next.prettify());
    } finally {
      hold.release();
    }
    assertEquals(
        0,
        count(pool, "select count(*) from ticket where customer_id = 'cus_0082'"),
        "a refused turn never opens a ticket");
  }
}
