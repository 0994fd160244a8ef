package io.frontdesk.agent;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalFlowTest;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.MultiAgentProfile;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Billing and technical specialists: routed to, handing across, acting on the customer's data. */
@QuarkusTest
@TestProfile(MultiAgentProfile.class)
class SpecialistHandoffTest {

  static final Predicate<RecordedRequest> TRIAGE = MultiAgentTurnTest.TRIAGE;
  static final Predicate<RecordedRequest> BILLING =
      r -> r.systemMessage().contains("Billing Specialist");
  static final Predicate<RecordedRequest> TECHNICAL =
      r -> r.systemMessage().contains("Technical Support Engineer");

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  /** A paid, unrefunded order of a customer no other test uses (cus_0100 … cus_0149). */
  private Row paidOrder(String notOfCustomer) {
    return rows(
            pool,
            "select o.id, o.customer_id, p.amount_cents from orders o join invoice i on i.order_id"
                + " = o.id join payment p on p.invoice_id = i.id and p.status = 'succeeded' where"
                + " o.customer_id between 'cus_0100' and 'cus_0149' and o.customer_id <> $1 and"
                + " o.status = 'paid' and not exists (select 1 from refund r where r.order_id ="
                + " o.id) order by o.id limit 1",
            notOfCustomer)
        .getFirst();
  }

  @Test
  void aBillingQuestionGoesTriageToBillingWhichRefundsOnceAReviewerApproves() {
    Row order = paidOrder("");
    String customer = order.getString("customer_id");
    String orderId = order.getString("id");
    String message = "Please refund 10 dollars of order " + orderId + ", the service was down";
    model
        .when(TRIAGE)
        .thenReply(Reply.toolCall("transfer_to_billing", "{\"reason\":\"refund request\"}"))
        .when(BILLING.and(r -> r.toolResult("process_refund") == null))
        .thenReply(
            Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":10.00}"))
        .when(BILLING)
        .thenReply(Reply.text("I refunded $10.00; it reaches your card in 5–10 business days."));

    JsonPath answer = Inquiries.ask(customer, message);

    // the router or the LLM triage sends it to billing; either way billing gets the message
    RecordedRequest billing = model.requests().stream().filter(BILLING).findFirst().get();
    assertEquals(message, billing.lastUserMessage(), "the customer's original message");
    assertTrue(billing.toolNames().containsAll(List.of("process_refund", "transfer_to_technical")));
    assertFalse(answer.getBoolean("resolved"), "a refund waits for a reviewer");
    assertEquals(0, count(pool, "select count(*) from refund where order_id = $1", orderId));
    UUID conversation = UUID.fromString(answer.getString("conversationId"));
    UUID approval =
        rows(pool, "select id from approval where conversation_id = $1", conversation)
            .getFirst()
            .getUUID(0);

    ApprovalFlowTest.decide(approval, "approve", "").then().statusCode(200);

    Row refund =
        rows(
                pool,
                "select customer_id, amount_cents, status from refund where order_id = $1",
                orderId)
            .getFirst();
    assertEquals(customer, refund.getString("customer_id"));
    assertEquals(1000, refund.getInteger("amount_cents"));
    assertEquals("succeeded", refund.getString("status"));
    Row audit =
        rows(
                pool,
                "select customer_id, actor_id, decision, arguments::text from audit_log where"
                    + " conversation_id = $1 and action = 'process_refund' and decision ="
                    + " 'executed'",
                conversation)
            .getFirst();
    assertEquals(customer, audit.getString("customer_id"));
    assertEquals("billing", audit.getString("actor_id"), "the billing agent asked for it");
    assertTrue(audit.getString(3).contains(orderId));
    assertTrue(
        BILLING.test(model.lastRequest()), "the billing agent, still active, tells the customer");
  }

  @Test
  void anotherCustomersOrderIsDeniedAndARefundAbovePaidFailsEvenWhenApproved() {
    Row mine = paidOrder("");
    String customer = mine.getString("customer_id");
    Row theirs = paidOrder(customer);
    long refundsBefore = count(pool, "select count(*) from refund");
    double tooMuch = mine.getInteger("amount_cents") / 100.0 + 1;
    model
        .when(TRIAGE)
        .thenReply(Reply.toolCall("transfer_to_billing", "{\"reason\":\"refund\"}"))
        .when(BILLING.and(r -> r.toolResult("process_refund") == null))
        .thenReply(
            Reply.toolCalls(
                List.of(
                    new Reply.ToolCall(
                        "process_refund",
                        "{\"order_id\":\"" + theirs.getString("id") + "\",\"amount\":5.00}"),
                    new Reply.ToolCall(
                        "process_refund",
                        "{\"order_id\":\""
                            + mine.getString("id")
                            + "\",\"amount\":"
                            + tooMuch
                            + "}"))))
        .when(BILLING)
        .thenReply(Reply.text("I can't refund that."));

    JsonPath answer = Inquiries.ask(customer, "Refund both orders please");
    UUID conversation = UUID.fromString(answer.getString("conversationId"));
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from audit_log where conversation_id = $1 and action ="
                + " 'process_refund' and decision = 'denied' and reason like $2",
            conversation,
            "%" + theirs.getString("id") + " not found for this customer%"),
        "another customer's order is denied before any approval");
    Row approval =
        rows(
                pool,
                "select id, arguments::text from approval where conversation_id = $1",
                conversation)
            .getFirst();
    assertTrue(approval.getString(1).contains(mine.getString("id")), "only the own order waits");

    ApprovalFlowTest.decide(approval.getUUID(0), "approve", "").then().statusCode(200);

    Row after =
        rows(pool, "select status, error from approval where id = $1", approval.getUUID(0))
            .getFirst();
    assertEquals("failed", after.getString("status"));
    assertTrue(after.getString("error").contains("can be refunded"), after.getString("error"));
    assertEquals(refundsBefore, count(pool, "select count(*) from refund"), "nothing refunded");
    assertEquals(
        "paid",
        rows(pool, "select status from orders where id = $1", theirs.getString("id"))
            .getFirst()
            .getString(0));
    assertEquals(
        1,
        count(pool, "select count(*) from ticket where conversation_id = $1", conversation),
        "a failed approved action goes to a human");
  }

  @Test
  void aTransferAmongParallelToolCallsAnswersEveryCallOfThatMessage() {
    model
        .when(TRIAGE)
        .thenReply(Reply.toolCall("transfer_to_general", "{\"reason\":\"plan question\"}"))
        .when(MultiAgentTurnTest.GENERAL)
        .thenReply(
            Reply.toolCalls(
                List.of(
                    new Reply.ToolCall(
                        "perform_account_action", "{\"action\":\"subscription_info\"}"),
                    new Reply.ToolCall("transfer_to_billing", "{\"reason\":\"a billing matter\"}"),
                    new Reply.ToolCall("search_knowledge_base", "{\"query\":\"plan prices\"}"))))
        .when(BILLING)
        .thenReply(Reply.text("You are on the Pro plan; your next invoice is on the 1st."));

    JsonPath answer = Inquiries.ask("cus_0158", "What does my plan cost?");

    RecordedRequest billing = model.requests().stream().filter(BILLING).findFirst().orElseThrow();
    assertEquals(List.of(), billing.unansweredToolCalls(), "every call of the message answered");
    assertTrue(billing.toolResult("perform_account_action").contains("\"plan\":\"pro\""));
    assertTrue(billing.toolResult("transfer_to_billing").contains("Transferred to billing"));
    assertTrue(
        billing.toolResult("search_knowledge_base").contains("not run"),
        billing.toolResult("search_knowledge_base"));
    assertTrue(answer.getBoolean("resolved"), answer.prettify());
  }

  @Test
  void billingHandsToTechnicalWithHistoryAndTechnicalAnswersTheNextMessage() {
    model
        .when(TRIAGE)
        .thenReply(Reply.toolCall("transfer_to_billing", "{\"reason\":\"invoice question\"}"))
        .when(BILLING.and(r -> r.toolResult("list_invoices") == null))
        .thenReply(Reply.toolCall("list_invoices", "{}"))
        .when(BILLING)
        .thenReply(Reply.toolCall("transfer_to_technical", "{\"reason\":\"service is down\"}"))
        .when(
            TECHNICAL.and(
                r -> !r.lastMessageIsToolResult() || r.toolResult("list_services") == null))
        .thenReply(Reply.toolCall("list_services", "{}"))
        .when(TECHNICAL)
        .thenReply(Reply.text("Your services are listed above; the api one is down."));
    String customer = "cus_0157";
    // a message the router cannot place, so the LLM triage decides

    JsonPath first = Inquiries.ask(customer, "The bill is higher and also the app has problems");

    RecordedRequest technical = model.requests().stream().filter(TECHNICAL).findFirst().get();
    assertEquals("The bill is higher and also the app has problems", technical.lastUserMessage());
    assertTrue(
        technical.toolResult("list_invoices") != null, "billing's tool results travel along");
    assertTrue(technical.body().contains("transfer_to_technical"));
    UUID conversation = UUID.fromString(first.getString("conversationId"));
    assertEquals(
        "technical",
        rows(pool, "select active_agent from conversation where id = $1", conversation)
            .getFirst()
            .getString(0));

    int before = model.requestCount();
    Inquiries.ask(customer, "Can you restart it?", conversation);

    RecordedRequest next = model.requests().get(before);
    assertTrue(TECHNICAL.test(next), "the technical agent answers the next message");
    assertTrue(next.contains("The bill is higher and also the app has problems"), "history kept");
    assertTrue(next.toolResult("list_invoices") != null, "earlier tool results kept");
  }
}
