package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Hold;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two messages to one conversation at once are answered one after the other: the second waits for
 * the first turn's lock (a row in PostgreSQL, the same for every replica) instead of a 409.
 */
@QuarkusTest
class ConcurrentMessagesTest {

  private static final String CUSTOMER = "cus_0193";

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @Test
  void theSecondMessageWaitsForTheFirstTurnAndSeesItsAnswer() throws Exception {
    model.reset();
    UUID conversation =
        UUID.fromString(Inquiries.ask(CUSTOMER, "Hello there").getString("conversationId"));
    Hold slow = new Hold();
    model.enqueue(
        Reply.text("First answer: your invoices are paid.").heldBy(slow),
        Reply.text("Second answer."));
    try {
      CompletableFuture<JsonPath> first =
          CompletableFuture.supplyAsync(
              () -> Inquiries.ask(CUSTOMER, "Are my invoices paid?", conversation));
      slow.awaitArrival();
      CompletableFuture<JsonPath> second =
          CompletableFuture.supplyAsync(
              () -> Inquiries.ask(CUSTOMER, "And my plan?", conversation));
      slow.release();

      assertEquals(
          conversation.toString(), first.get(60, TimeUnit.SECONDS).getString("conversationId"));
      assertEquals(
          conversation.toString(), second.get(60, TimeUnit.SECONDS).getString("conversationId"));
    } finally {
      slow.release();
    }
    List<RecordedRequest> requests = model.requests();
    RecordedRequest last = requests.getLast();
    assertEquals("And my plan?", last.lastUserMessage());
    assertTrue(
        last.contains("First answer: your invoices are paid."),
        "the second turn ran after the first was stored: " + last.body());
  }
}
