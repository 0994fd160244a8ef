package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Faults;
import io.frontdesk.testing.Hold;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A side effect is in its conversation the moment it commits — its tool call and the line the
 * customer reads — not only when the turn ends, so a crash in between cannot hide it; the turn's
 * ending stores neither again, and the model's memory gets the exchange, not the line.
 */
@QuarkusTest
class SideEffectTranscriptTest {

  private static final String RESET = "{\"action\":\"password_reset\"}";

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private UUID latestConversation(String customer) {
    return rows(
            pool,
            "select id from conversation where customer_id = $1 order by created_at desc limit 1",
            customer)
        .getFirst()
        .getUUID(0);
  }

  private List<Row> traces(UUID conversation) {
    return rows(
        pool,
        "select content from message where conversation_id = $1 and trace order by id",
        conversation);
  }

  private List<Row> resets(UUID conversation) {
    return rows(
        pool,
        "select status, idempotency_key, result from tool_call where conversation_id = $1 and"
            + " tool_name = 'perform_account_action' order by id",
        conversation);
  }

  @Test
  void aPasswordResetIsInTheTranscriptTheMomentItIsSentAndStoredOnce() throws Exception {
    String customer = "cus_0034";
    Hold answer = new Hold();
    model.enqueue(
        Reply.toolCall("perform_account_action", RESET),
        Reply.text("I have sent you a link to reset your password.").heldBy(answer));

    CompletableFuture<JsonPath> asked =
        CompletableFuture.supplyAsync(
            () -> Inquiries.ask(customer, "I forgot my password, please reset it"));
    answer.awaitArrival();

    // the turn is still running (its answer is held): the effect is already stored
    UUID conversation = latestConversation(customer);
    List<Row> lines = traces(conversation);
    assertEquals(1, lines.size(), "the customer's line");
    String line = lines.getFirst().getString(0);
    assertTrue(line.startsWith("A password reset link was sent to "), line);
    assertTrue(line.contains("***@"), "the address is masked: " + line);
    assertTrue(
        Inquiries.as(customer)
            .get("/api/v1/conversations/" + conversation)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("messages.content")
            .contains(line),
        "while the turn runs (or if it never answers) the customer reads what was done");
    List<Row> running = resets(conversation);
    assertEquals(1, running.size());
    assertEquals("succeeded", running.getFirst().getString("status"));
    assertNotNull(running.getFirst().getString("idempotency_key"));

    answer.release();
    JsonPath done = asked.get(30, TimeUnit.SECONDS);

    assertEquals(1, resets(conversation).size(), "the ending did not store the call again");
    assertEquals(1, traces(conversation).size(), "nor the line");
    List<String> transcript =
        Inquiries.as(customer)
            .get("/api/v1/conversations/" + conversation)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("messages.content");
    assertFalse(
        transcript.contains(line),
        "the answer tells the customer; the line is for a turn that never answered: " + transcript);
    assertEquals(done.getString("response"), transcript.getLast());

    model.enqueue(Reply.text("You're welcome."));
    Inquiries.ask(customer, "Thanks a lot", conversation);
    assertFalse(
        model.lastRequest().contains("A password reset link was sent to"),
        "the model's memory gets the exchange, not the customer's line");
    assertTrue(model.lastRequest().contains("link_sent"), "the tool's result is in memory");
  }

  @Test
  void aSideEffectWhoseTransactionFailsIsRecordedAsFailedWithNoLine() {
    String customer = "cus_0035";
    model.enqueue(
        Reply.toolCall("perform_account_action", RESET),
        Reply.text("Sorry, I could not send the link just now."));
    long sent = resetsSent(customer);

    try (var fault = Faults.failInsert(pool, "account_action", "new.customer_id = 'cus_0035'")) {
      Inquiries.ask(customer, "Please reset my password");
    }

    UUID conversation = latestConversation(customer);
    List<Row> calls = resets(conversation);
    assertEquals(1, calls.size(), "one record of the call: " + calls);
    assertEquals("failed", calls.getFirst().getString("status"));
    assertTrue(traces(conversation).isEmpty(), "nothing was done, so nothing is said");
    assertEquals(sent, resetsSent(customer), "no link went out");
  }

  private long resetsSent(String customer) {
    return count(
        pool,
        "select count(*) from account_action where customer_id = $1 and action = 'password_reset'",
        customer);
  }
}
