package io.frontdesk.approval;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.DeadReplicas;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Faults;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Human-in-the-loop approvals end to end: the agent's refund is stored, reviewers decide through
 * the console API, and the outcome reaches the conversation — exactly one refund however the
 * approve is repeated, a ticket when it is rejected or nobody decides.
 */
@QuarkusTest
public class ApprovalFlowTest {

  @Inject Pool pool;
  @Inject ApprovalSweeper sweeper;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  /** A paid, unrefunded order of a pro or enterprise customer no other test uses. */
  public static Row paidOrder(Pool pool, String fromCustomer, String toCustomer) {
    return rows(
            pool,
            "select o.id, o.customer_id, p.amount_cents from orders o join invoice i on i.order_id"
                + " = o.id join payment p on p.invoice_id = i.id and p.status = 'succeeded' join"
                + " customer c on c.id = o.customer_id where o.customer_id between $1 and $2 and"
                + " c.tier <> 'free' and o.status = 'paid' and p.amount_cents >= 2000 and not"
                + " exists (select 1 from refund r where r.order_id = o.id) and not exists (select"
                + " 1 from approval a where a.arguments->>'order_id' = o.id) order by o.id limit 1",
            fromCustomer,
            toCustomer)
        .getFirst();
  }

  /** The agent asks to refund 10.00 of the order; the turn ends waiting for a reviewer. */
  private Requested requestRefund(Row order) {
    String orderId = order.getString("id");
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":10.00}"));
    JsonPath answer = Inquiries.ask(order.getString("customer_id"), "Refund 10 of " + orderId);
    UUID conversation = UUID.fromString(answer.getString("conversationId"));
    Row approval =
        rows(pool, "select id, status from approval where conversation_id = $1", conversation)
            .getFirst();
    return new Requested(conversation, approval.getUUID("id"), orderId, answer);
  }

  record Requested(UUID conversation, UUID approval, String orderId, JsonPath answer) {}

  public static Response decide(UUID approval, String decision, String feedback) {
    return Inquiries.asAgent("agt_rita")
        .contentType(ContentType.JSON)
        .body(Map.of("decision", decision, "feedback", feedback))
        .post("/api/v1/console/approvals/" + approval + "/decision");
  }

  /** The headings of the approval notices the customer's view shows, oldest first. */
  private static List<String> approvalTitles(JsonPath transcript) {
    List<String> kinds = transcript.getList("messages.kind");
    List<String> titles = transcript.getList("messages.title");
    List<String> approvals = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      if ("approval".equals(kinds.get(i))) {
        approvals.add(titles.get(i));
      }
    }
    return approvals;
  }

  private long refunds(String orderId) {
    return count(pool, "select count(*) from refund where order_id = $1", orderId);
  }

  @Test
  void aRefundWaitsForApprovalThenRunsOnceAndTheAgentTellsTheCustomer() {
    Row order = paidOrder(pool, "cus_0201", "cus_0215");
    Requested r = requestRefund(order);

    assertFalse(r.answer().getBoolean("resolved"));
    assertFalse(r.answer().getBoolean("escalated"));
    assertNull(r.answer().getString("ticketId"));
    assertTrue(r.answer().getString("response").contains("approval"), r.answer().prettify());
    Row pending = rows(pool, "select * from approval where id = $1", r.approval()).getFirst();
    assertEquals("pending", pending.getString("status"));
    assertEquals("process_refund", pending.getString("tool_name"));
    assertEquals(order.getString("customer_id"), pending.getString("customer_id"));
    assertEquals("data_modification", pending.getString("risk_level"));
    assertEquals("refund-approval", pending.getString("policy"));
    assertTrue(pending.getString("reason").contains("requires explicit approval"));
    assertEquals(
        Duration.ofMinutes(5),
        Duration.between(
            pending.getOffsetDateTime("requested_at"), pending.getOffsetDateTime("expires_at")));
    assertEquals(0, refunds(r.orderId()), "nothing refunded before a human decides");
    assertEquals(
        "awaiting_approval",
        rows(pool, "select status from conversation where id = $1", r.conversation())
            .getFirst()
            .getString(0));

    model.enqueue(Reply.text("Good news: your refund of 10.00 is on its way to your card."));
    decide(r.approval(), "approve", "policy allows it")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("executed"))
        .body("decidedBy", org.hamcrest.Matchers.equalTo("agt_rita"));

    assertEquals(1, refunds(r.orderId()));
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from audit_log where conversation_id = $1 and action ="
                + " 'process_refund' and decision = 'executed'",
            r.conversation()));
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from audit_log where conversation_id = $1 and decision = 'approved'"
                + " and actor_type = 'human' and actor_id = 'agt_rita'",
            r.conversation()));
    String sent = String.join("\n", model.lastRequest().toolResults());
    assertTrue(sent.contains("\"refundId\""), "the follow-up saw the refund: " + sent);
    JsonPath transcript =
        Inquiries.as(order.getString("customer_id"))
            .get("/api/v1/conversations/" + r.conversation())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> contents = transcript.getList("messages.content");
    assertTrue(
        contents.stream().noneMatch(c -> c != null && c.contains("refundId")),
        "the tool's result is the model's, not the customer's: " + contents);
    assertTrue(
        contents.containsAll(
            List.of("Preparing the refund — waiting for approval", "Preparing the refund — done")),
        "the customer reads what the call did, as the chat showed it: " + contents);
    assertEquals(List.of("Waiting for approval.", "Approved."), approvalTitles(transcript));
    assertEquals(
        "Good news: your refund of 10.00 is on its way to your card.",
        contents.get(contents.size() - 1));
    assertEquals(
        List.of("approval_decided", "done"),
        rows(
                pool,
                "select type from conversation_event where conversation_id = $1 and type in"
                    + " ('approval_decided', 'done') order by seq",
                r.conversation())
            .stream()
            .map(row -> row.getString(0))
            .toList());
  }

  @Test
  void aDecisionReachesAFollowerOfTheConversationLive() throws Exception {
    Row order = paidOrder(pool, "cus_0201", "cus_0240");
    Requested r = requestRefund(order);
    String token = TestTokens.customer(order.getString("customer_id"));
    URI feed =
        URI.create(
            "http://localhost:%d/api/v1/conversations/%s/events?after=0&token=%s"
                .formatted(RestAssured.port, r.conversation(), token));
    HttpClient http = HttpClient.newHttpClient();
    // an EventSource cannot set headers: the token travels as ?token=
    HttpResponse<java.util.stream.Stream<String>> stream =
        http.send(
            HttpRequest.newBuilder(feed).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, stream.statusCode());
    ExecutorService reader = Executors.newSingleThreadExecutor();
    Future<List<String>> events =
        reader.submit(
            () -> {
              List<String> seen = new ArrayList<>();
              var lines = stream.body().iterator();
              while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                  seen.add(line);
                  if (line.contains("\"type\":\"done\"")) {
                    return seen;
                  }
                }
              }
              return seen;
            });

    model.enqueue(Reply.text("Approved and refunded."));
    decide(r.approval(), "approve", "").then().statusCode(200);

    List<String> seen = events.get(30, java.util.concurrent.TimeUnit.SECONDS);
    reader.shutdownNow();
    assertTrue(seen.stream().anyMatch(l -> l.contains("\"type\":\"approval_decided\"")), "" + seen);
    assertTrue(seen.getLast().contains("Approved and refunded."), seen.getLast());
  }

  @Test
  void theSameRefundAskedAgainWaitsOnItsRequestAndOnceMadeIsNeverAskedForAgain() {
    Row order = paidOrder(pool, "cus_0201", "cus_0240");
    Requested r = requestRefund(order);
    String call = "{\"order_id\":\"" + r.orderId() + "\",\"amount\":10.00}";
    String customer = order.getString("customer_id");

    model.enqueue(Reply.toolCall("process_refund", call));
    JsonPath again = Inquiries.ask(customer, "Did you refund it?", r.conversation());
    assertEquals(
        1,
        count(pool, "select count(*) from approval where conversation_id = $1", r.conversation()),
        "no second request for reviewers");
    assertTrue(again.getString("response").contains("approval"), again.prettify());
    assertFalse(
        again.getString("response").contains(r.approval().toString().substring(0, 8)),
        "the request's id is the team's, not the customer's: " + again.getString("response"));

    model.enqueue(Reply.text("Your refund is done."));
    decide(r.approval(), "approve", "").then().statusCode(200);
    model.enqueue(Reply.toolCall("process_refund", call), Reply.text("It was already refunded."));
    Inquiries.ask(customer, "Please refund it once more to be sure", r.conversation());

    assertEquals(1, refunds(r.orderId()), "one refund");
    assertEquals(
        1,
        count(pool, "select count(*) from approval where conversation_id = $1", r.conversation()));
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from audit_log where conversation_id = $1 and action ="
                + " 'process_refund' and decision = 'replayed'",
            r.conversation()),
        "the identical call was answered from the record");
  }

  @Test
  void approvingTwiceOrTwoReviewersAtOnceRefundsOnce() throws Exception {
    Row order = paidOrder(pool, "cus_0216", "cus_0228");
    Requested r = requestRefund(order);
    model.setDefault(req -> Reply.text("Your refund is done."));

    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService two = Executors.newFixedThreadPool(2);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      statuses.add(
          two.submit(
              () -> {
                together.await();
                return decide(r.approval(), "approve", "").statusCode();
              }));
    }
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> s : statuses) {
      codes.add(s.get());
    }
    two.shutdown();

    assertEquals(List.of(200, 409), codes.stream().sorted().toList(), "one wins, one conflicts");
    decide(r.approval(), "approve", "")
        .then()
        .statusCode(409)
        .body("error", org.hamcrest.Matchers.equalTo("conflict"));
    assertEquals(1, refunds(r.orderId()), "exactly one refund");
  }

  @Test
  void anApprovedRefundWhoseAuditRowCannotBeWrittenIsNotMade() {
    Row order = paidOrder(pool, "cus_0201", "cus_0240");
    Requested r = requestRefund(order);
    model.setDefault(req -> Reply.text("I could not complete the refund; a colleague will."));

    try (var fault =
        Faults.failInsert(
            pool,
            "audit_log",
            "new.decision = 'executed' and new.arguments->>'order_id' = '%s'"
                .formatted(r.orderId()))) {
      decide(r.approval(), "approve", "").then().statusCode(200);
    }

    assertEquals(0, refunds(r.orderId()), "no refund without its audit row");
    assertEquals(
        0,
        count(
            pool,
            "select count(*) from tool_execution where idempotency_key = $1",
            "approval:" + r.approval()));
    Row approval =
        rows(pool, "select status, error from approval where id = $1", r.approval()).getFirst();
    assertEquals("failed", approval.getString("status"));
    assertTrue(
        approval.getString("error").contains("temporarily unavailable"),
        approval.getString("error"));
    assertEquals(
        1,
        count(pool, "select count(*) from ticket where conversation_id = $1", r.conversation()),
        "the failed approved refund goes to a human");
  }

  @Test
  void aRejectionRefundsNothingAndOpensATicket() {
    Row order = paidOrder(pool, "cus_0229", "cus_0240");
    Requested r = requestRefund(order);

    decide(r.approval(), "reject", "outside the refund window")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("rejected"));

    assertEquals(0, refunds(r.orderId()));
    Row ticket =
        rows(pool, "select reason from ticket where conversation_id = $1", r.conversation())
            .getFirst();
    assertEquals("approval_rejected", ticket.getString("reason"));
    assertEquals(
        "escalated",
        rows(pool, "select status from conversation where id = $1", r.conversation())
            .getFirst()
            .getString(0));
    String last =
        rows(
                pool,
                "select content from message where conversation_id = $1 order by id desc limit 1",
                r.conversation())
            .getFirst()
            .getString(0);
    assertTrue(last.contains("outside the refund window") && last.contains("TCK-"), last);
  }

  /**
   * A crash in the middle of an approved refund's follow-up: the replica that carried it died
   * holding the approval and the conversation, the note already stored. The follow-up is delivered
   * within seconds, once, and its note stays single.
   */
  @Test
  void aFollowUpInterruptedByACrashIsDeliveredOnceAndItsNoteStoredOnce() {
    Row order = paidOrder(pool, "cus_0201", "cus_0240");
    Requested r = requestRefund(order);
    UUID dead = DeadReplicas.stopped(pool);
    rows(
        pool,
        "update approval set status = 'approved', decided_at = now(), decided_by = 'agt_rita',"
            + " resuming_replica = $2 where id = $1",
        r.approval(),
        dead);
    DeadReplicas.leftTurn(
        pool,
        r.conversation(),
        dead,
        ApprovalOutcomes.followUpTurn(r.approval()),
        "[Frontdesk] A colleague (agt_rita) reviewed the pending request and approved it.",
        true);
    String told = "Your refund of 10.00 has been made.";
    model.enqueue(Reply.text(told));

    Eventually.await(
        "the follow-up delivered",
        Duration.ofSeconds(40),
        () ->
            rows(pool, "select resumed_at from approval where id = $1", r.approval())
                    .getFirst()
                    .getOffsetDateTime(0)
                != null);

    assertEquals(1, refunds(r.orderId()), "one refund");
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from message where conversation_id = $1 and role = 'user' and agent"
                + " = 'frontdesk'",
            r.conversation()),
        "the note is stored once");
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from message where conversation_id = $1 and content = $2",
            r.conversation(),
            told),
        "the answer once");
    assertEquals(
        List.of(told),
        rows(
                pool,
                "select payload ->> 'response' from conversation_event where conversation_id = $1"
                    + " and type = 'done'",
                r.conversation())
            .stream()
            .map(row -> row.getString(0))
            .toList(),
        "and on the feed once");
  }

  @Test
  void anApprovalNobodyDecidesExpiresIntoATicket() {
    Row order = paidOrder(pool, "cus_0201", "cus_0240");
    Requested r = requestRefund(order);
    rows(
        pool,
        "update approval set expires_at = now() - interval '1 second' where id = $1",
        r.approval());

    sweeper.sweep();

    Row approval =
        rows(pool, "select status, ticket_id from approval where id = $1", r.approval()).getFirst();
    assertEquals("expired", approval.getString("status"));
    assertNotNull(approval.getString("ticket_id"));
    assertEquals(0, refunds(r.orderId()));
    assertEquals(
        "approval_expired",
        rows(pool, "select reason from ticket where conversation_id = $1", r.conversation())
            .getFirst()
            .getString(0));
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from audit_log where conversation_id = $1 and decision = 'expired'",
            r.conversation()));
    decide(r.approval(), "approve", "too late").then().statusCode(409);
    assertEquals(0, refunds(r.orderId()));
  }
}
