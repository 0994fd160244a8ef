package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.approval.ApprovalFlowTest;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Faults;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
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
 * A turn under database faults and cancelled clients: nothing half-stored, never a 500, and the
 * conversation always answers its next message.
 */
@QuarkusTest
class TurnFaultTest {

  @Inject Pool pool;
  @Inject TurnEngine engine;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  /** A resolved first turn, so the conversation exists and the next one continues it. */
  private UUID conversation(String customer) {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"invoices\"}"),
        Reply.text("Your invoices are under Settings, Billing (KB-1012)."));
    return UUID.fromString(
        Inquiries.ask(customer, "Where are my invoices?").getString("conversationId"));
  }

  private void answersItsNextMessage(String customer, UUID conversation) {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"plan\"}"),
        Reply.text("You are on the Free plan (KB-1020)."));
    Inquiries.ask(customer, "Which plan am I on?", conversation);
  }

  @Test
  void aTurnWhoseOpeningFailsToCommitIsRefusedWith503AndTheConversationGoesOn() {
    String customer = "cus_0061";
    UUID conversation = conversation(customer);

    try (var fault = Faults.failCommit(pool, "message", "new.content like '%FAULT-AT-COMMIT%'")) {
      Inquiries.send(customer, "Hello FAULT-AT-COMMIT", conversation)
          .statusCode(503)
          .body("error", equalTo("unavailable"));
      // a stream's headers are out before the turn opens: it ends with error and done, not cut
      List<JsonNode> events =
          Inquiries.stream(customer, "Hello again FAULT-AT-COMMIT", conversation);
      assertEquals(
          List.of("error", "done"), events.stream().map(e -> e.get("type").asText()).toList());
      assertEquals("unavailable", events.getFirst().get("code").asText());
      assertFalse(events.getLast().get("resolved").asBoolean());
    }

    answersItsNextMessage(customer, conversation);
  }

  @Test
  void aClientThatCancelsWhileTheTurnOpensDoesNotStrandTheConversation() {
    String customer = "cus_0062";
    UUID conversation = conversation(customer);
    long answersBefore = answers(conversation);
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"export data\"}"),
        Reply.text("Export your data under Settings, Privacy (KB-1040)."));

    try (var held = Faults.blockInsert(pool, "message", "new.content = 'CANCEL-WHILE-OPENING'")) {
      Cancellable client =
          engine
              .run(new TurnRequest(customer, conversation, "CANCEL-WHILE-OPENING", "sse"))
              .subscribe()
              .with(event -> {}, failure -> {});
      held.awaitBlocked();
      client.cancel();
      held.release();
    }

    // the turn goes on without the client: the customer finds the answer in the transcript
    Eventually.await("the cancelled turn's answer", () -> answers(conversation) > answersBefore);
    answersItsNextMessage(customer, conversation);
  }

  @Test
  void aTicketIsNeverLeftWithoutItsTurn() {
    String customer = "cus_0063";
    UUID conversation = conversation(customer);
    model.enqueue(Reply.text("ESCALATE: customer disputes a charge"));

    List<JsonNode> events;
    try (var fault =
        Faults.failInsert(
            pool,
            "message",
            "new.conversation_id = '" + conversation + "' and new.role = 'assistant'")) {
      events = Inquiries.stream(customer, "I dispute this charge", conversation);
    }

    assertEquals(
        0,
        count(pool, "select count(*) from ticket where conversation_id = $1", conversation),
        "no ticket without its turn");
    List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
    JsonNode error = events.get(types.indexOf("error"));
    assertEquals("not_saved", error.get("code").asText());
    JsonNode done = events.getLast();
    assertEquals("done", done.get("type").asText(), types.toString());
    assertFalse(done.get("resolved").asBoolean());
    assertFalse(done.get("escalated").asBoolean());
    assertTrue(done.get("ticketId").isNull());
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from message where conversation_id = $1 and role = 'user' and"
                + " content = 'I dispute this charge'",
            conversation),
        "the customer's message is still stored");

    answersItsNextMessage(customer, conversation);
  }

  @Test
  void aTurnRunningOnAnotherReplicaHoldsTheConversationUntilItsLeaseEnds() {
    String customer = "cus_0064";
    UUID conversation = conversation(customer);
    rows(
        pool,
        "update conversation set turn_id = $2, turn_lease_until = now() + interval '1 minute'"
            + " where id = $1",
        conversation,
        UUID.randomUUID());

    Inquiries.send(customer, "Anyone?", conversation)
        .statusCode(409)
        .body("error", equalTo("conflict"));

    // that replica died mid-turn: once its lease ends, the conversation answers again
    rows(
        pool,
        "update conversation set turn_lease_until = now() - interval '1 second' where id = $1",
        conversation);
    answersItsNextMessage(customer, conversation);
  }

  /**
   * A refund runs once a reviewer approved it, in the turn that resumes the conversation; that
   * turn's time runs out while the refund is still being written.
   */
  @Test
  void aRefundStillRunningWhenTheTurnTimesOutIsInTheTurnsRecord() throws Exception {
    Row order =
        rows(
                pool,
                "select o.id, o.customer_id from orders o join invoice i on i.order_id = o.id join"
                    + " payment p on p.invoice_id = i.id and p.status = 'succeeded' join customer c"
                    + " on c.id = o.customer_id where o.customer_id between 'cus_0170' and"
                    + " 'cus_0199' and c.tier <> 'free' and o.status = 'paid' and p.amount_cents"
                    + " >= 1000 and not exists (select 1 from refund r where r.order_id = o.id)"
                    + " order by o.id limit 1")
            .getFirst();
    String orderId = order.getString("id");
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":5.00}"));
    UUID conversation =
        UUID.fromString(
            Inquiries.ask(order.getString("customer_id"), "Please refund $5 of order " + orderId)
                .getString("conversationId"));
    UUID approval =
        rows(pool, "select id from approval where conversation_id = $1", conversation)
            .getFirst()
            .getUUID(0);

    try (var slowRefund = Faults.blockInsert(pool, "refund", "new.order_id = '" + orderId + "'")) {
      CompletableFuture<Integer> approved =
          CompletableFuture.supplyAsync(
              () -> ApprovalFlowTest.decide(approval, "approve", "within policy").statusCode());
      slowRefund.awaitBlocked();
      assertEquals(1, ExpirableDeadline.expireAll(), "the resuming turn runs out of time");
      slowRefund.release();
      assertEquals(200, approved.get(30, TimeUnit.SECONDS));
    }

    assertEquals(
        1, count(pool, "select count(*) from refund where order_id = $1", orderId), "it landed");
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from tool_call where conversation_id = $1 and tool_name ="
                + " 'process_refund' and status = 'succeeded'",
            conversation),
        "the refund is in the turn's tool calls");
    Row ticket =
        rows(
                pool,
                "select reason, context -> 'toolTrace' -> 0 ->> 'tool' as tool,"
                    + " context -> 'toolTrace' -> 0 ->> 'success' as success from ticket where"
                    + " conversation_id = $1",
                conversation)
            .getFirst();
    assertEquals("timeout", ticket.getString("reason"));
    assertEquals("process_refund", ticket.getString("tool"), "and in the ticket's trace");
    assertEquals("true", ticket.getString("success"));
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from message where conversation_id = $1 and role = 'tool' and"
                + " tool_name = 'process_refund' and content like '%' || $2 || '%'",
            conversation,
            orderId),
        "the model's memory has the refund's result");
    assertEquals(1, model.requestCount(), "no model call after the turn ran out of time");
  }

  private long answers(UUID conversation) {
    return count(
        pool,
        "select count(*) from message where conversation_id = $1 and role = 'assistant' and"
            + " tool_calls is null",
        conversation);
  }
}
