package io.frontdesk.agent.offline;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.OfflineProfile;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With no model endpoint at all, the desk answers the safe cases with the offline model (router +
 * the same gated tools) and gives everything else to a person.
 */
@QuarkusTest
@TestProfile(OfflineProfile.class)
class OfflineTurnTest {

  @Inject Pool pool;
  @Inject OfflineMode offline;
  @Inject MeterRegistry metrics;

  @Test
  void noEndpointMeansOffline() {
    assertTrue(offline.active());
  }

  @Test
  void aForgottenPasswordIsResetWithTheRowAndTheAuditEntry() {
    long before =
        count(
            pool,
            "select count(*) from account_action where customer_id = 'cus_0041' and action ="
                + " 'password_reset'");

    JsonPath answer = Inquiries.ask("cus_0041", "I forgot my password");

    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    assertFalse(answer.getBoolean("escalated"));
    assertNull(answer.getString("ticketId"));
    assertTrue(answer.getString("response").contains("reset link"), answer.getString("response"));
    assertEquals(
        before + 1,
        count(
            pool,
            "select count(*) from account_action where customer_id = 'cus_0041' and action ="
                + " 'password_reset' and status = 'link_sent'"));
    List<Row> audit =
        rows(
            pool,
            "select actor_type, customer_id, action, decision, arguments::text from audit_log where"
                + " conversation_id = $1",
            UUID.fromString(answer.getString("conversationId")));
    assertEquals(1, audit.size());
    assertEquals("agent", audit.getFirst().getString("actor_type"));
    assertEquals("cus_0041", audit.getFirst().getString("customer_id"));
    assertEquals("perform_account_action", audit.getFirst().getString("action"));
    assertEquals("executed", audit.getFirst().getString("decision"));
    assertTrue(audit.getFirst().getString(4).contains("password_reset"));
  }

  @Test
  void aSwearingCustomerGetsTheAnswerBetweenAnApologyAndTheOfferOfAPerson() {
    JsonPath answer = Inquiries.ask("cus_0091", "I forgot my f***ing password, this is ridiculous");

    String response = answer.getString("response");
    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    assertNull(answer.getString("ticketId"), "no ticket opens unasked");
    assertTrue(response.startsWith(Notices.text("en", Notice.CARE_APOLOGY)), response);
    assertTrue(response.contains("reset link"), "the question is answered: " + response);
    assertTrue(response.endsWith(Notices.text("en", Notice.CARE_OFFER)), response);
    assertEquals(
        1,
        count(
            pool,
            "select count(distinct turn_id) from guard_event where conversation_id = $1 and stage = 'input'"
                + " and action = 'care' and not blocked",
            UUID.fromString(answer.getString("conversationId"))));
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from account_action where customer_id = 'cus_0091' and action ="
                + " 'password_reset' and status = 'link_sent'"));
  }

  @Test
  void thePlanComesFromTheDatabase() {
    String plan =
        rows(
                pool,
                "select plan from subscription where customer_id = 'cus_0046' order by started_at"
                    + " desc limit 1")
            .getFirst()
            .getString(0);

    JsonPath answer = Inquiries.ask("cus_0046", "Which plan am I on?");

    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    String response = answer.getString("response").toLowerCase();
    assertTrue(response.contains(plan + " plan"), response);
  }

  @Test
  void theLatestInvoiceIsQuotedWithItsNumberAndAmount() {
    Row latest =
        rows(
                pool,
                "select number, amount_cents + tax_cents as total, currency from invoice where"
                    + " customer_id = 'cus_0047' order by issued_at desc limit 1")
            .getFirst();
    String total = BigDecimal.valueOf(latest.getLong("total"), 2).toPlainString();

    JsonPath answer = Inquiries.ask("cus_0047", "Can you send me my latest invoice?");

    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    String response = answer.getString("response");
    assertTrue(response.contains(latest.getString("number")), response);
    assertTrue(response.contains(total + " " + latest.getString("currency")), response);
  }

  @Test
  void aHowToQuestionIsAnsweredFromTheRightArticle() {
    JsonPath answer = Inquiries.ask("cus_0043", "How do I export my data?");

    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    assertTrue(answer.getString("response").contains("KB-1057"), answer.getString("response"));
  }

  @Test
  void theMessageIsEmbeddedOnceForTheRouterTheGuardsAndTheSearch() {
    double model = embedded("model");
    double cache = embedded("cache");

    JsonPath answer = Inquiries.ask("cus_0045", "How do I export my account data?");

    assertTrue(answer.getString("response").contains("KB-1057"), answer.prettify());
    assertEquals(model + 1, embedded("model"), "the model embedded the message once");
    assertTrue(embedded("cache") >= cache + 1, "the knowledge search reused the turn's vector");
  }

  @Test
  void aReferenceInTheQuestionChangesNeitherTheAnswerNorItsConfidence() {
    JsonPath plain = Inquiries.ask("cus_0054", "How do I export my data?");
    JsonPath tagged = Inquiries.ask("cus_0055", "How do I export my data? Ref abc-12");

    // before: the reference alone took the router from sure to unsure and the turn to a person
    assertTrue(tagged.getBoolean("resolved"), tagged.prettify());
    assertEquals(plain.getString("response"), tagged.getString("response"));
    assertEquals(plain.getDouble("confidence"), tagged.getDouble("confidence"), 0.02);
  }

  @Test
  void aReportedFaultThatNoCheckFindsGoesToAPersonWithWhatWasChecked() {
    assertEquals(
        0,
        count(
            pool,
            "select count(*) from service where customer_id = 'cus_0052' and status <> 'running'"));
    String service =
        rows(pool, "select id from service where customer_id = 'cus_0052'")
            .getFirst()
            .getString("id");

    JsonPath answer = Inquiries.ask("cus_0052", "our production app is down");

    assertTrue(answer.getBoolean("escalated"), answer.prettify());
    String summary =
        rows(
                pool,
                "select summary from ticket where id = $1",
                Long.parseLong(answer.getString("ticketId").substring(4)))
            .getFirst()
            .getString("summary");
    assertTrue(summary.contains(service), summary);
  }

  @Test
  void aStatusQuestionIsStillAnsweredWhenAllServicesRun() {
    assertEquals(
        0,
        count(
            pool,
            "select count(*) from service where customer_id = 'cus_0057' and status <> 'running'"));

    JsonPath answer = Inquiries.ask("cus_0057", "Are all my services running?");

    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    assertTrue(answer.getString("response").contains("are running"), answer.prettify());
  }

  private double embedded(String by) {
    return metrics.get("frontdesk.embedding.texts").tag("by", by).counter().count();
  }

  @Test
  void thanksGetsAReplyAndNoTicket() {
    long tickets = count(pool, "select count(*) from ticket where customer_id = 'cus_0044'");

    JsonPath answer = Inquiries.ask("cus_0044", "thanks, that's all");

    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    assertFalse(answer.getBoolean("escalated"));
    assertFalse(answer.getString("response").isBlank());
    assertEquals(
        tickets, count(pool, "select count(*) from ticket where customer_id = 'cus_0044'"));
  }

  @Test
  void aLawyerGoesToAPerson() {
    JsonPath answer = Inquiries.ask("cus_0048", "I want to talk to a lawyer");

    assertTrue(answer.getBoolean("escalated"), answer.prettify());
    String ticketId = answer.getString("ticketId");
    assertNotNull(ticketId);
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from ticket where id = $1 and customer_id = 'cus_0048'",
            Long.parseLong(ticketId.substring(4))));
  }

  @Test
  void aRefundIsAskedAboutThenWaitsForAPersonsApproval() {
    Row order =
        rows(
                pool,
                "select order_id, amount_cents + tax_cents from invoice i where customer_id ="
                    + " 'cus_0048' and status = 'paid' and not exists (select 1 from refund r"
                    + " where r.order_id = i.order_id) order by issued_at desc limit 1")
            .getFirst();
    String orderId = order.getString(0);
    String amount = BigDecimal.valueOf(order.getLong(1), 2).toPlainString();
    long refunds = count(pool, "select count(*) from refund where customer_id = 'cus_0048'");
    long tickets = count(pool, "select count(*) from ticket where customer_id = 'cus_0048'");

    JsonPath question = Inquiries.ask("cus_0048", "refund my last order");

    assertFalse(question.getBoolean("escalated"), question.prettify());
    assertTrue(
        question.getString("response").startsWith("Which order should I refund"),
        question.getString("response"));
    assertTrue(question.getString("response").contains(orderId), question.getString("response"));
    UUID conversation = UUID.fromString(question.getString("conversationId"));

    JsonPath pending =
        Inquiries.ask("cus_0048", "It's " + orderId + ", " + amount + " please", conversation);

    assertFalse(pending.getBoolean("escalated"), pending.prettify());
    assertFalse(pending.getBoolean("resolved"), pending.prettify());
    assertEquals(
        List.of(orderId + " " + amount),
        rows(
                pool,
                "select (arguments ->> 'order_id') || ' ' || (arguments ->> 'amount')::numeric(12,"
                    + " 2) from approval where conversation_id = $1",
                conversation)
            .stream()
            .map(r -> r.getString(0))
            .toList());
    assertEquals(
        refunds,
        count(pool, "select count(*) from refund where customer_id = 'cus_0048'"),
        "no refund without a person");
    assertEquals(
        tickets, count(pool, "select count(*) from ticket where customer_id = 'cus_0048'"));
  }

  @Test
  void theStreamShowsTheRouterHandoffTheToolCallAndTheAnswer() {
    List<JsonNode> events = Inquiries.stream("cus_0049", "I can't remember my password", null);

    List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
    assertEquals("turn_started", types.getFirst());
    JsonNode handoff = events.get(types.indexOf("handoff"));
    assertEquals("triage", handoff.get("from").asText());
    assertEquals("general", handoff.get("to").asText());
    assertEquals("router", handoff.get("reason").asText());
    JsonNode call = events.get(types.indexOf("tool_call"));
    assertEquals("perform_account_action", call.get("tool").asText());
    JsonNode result = events.get(types.indexOf("tool_result"));
    assertTrue(result.get("success").asBoolean(), result.toString());
    assertTrue(types.indexOf("text") > types.indexOf("tool_result"));
    JsonNode done = events.getLast();
    assertEquals("done", done.get("type").asText());
    assertTrue(done.get("resolved").asBoolean(), done.toString());
    UUID conversation = UUID.fromString(done.get("conversationId").asText());
    assertEquals(
        "general",
        rows(pool, "select active_agent from conversation where id = $1", conversation)
            .getFirst()
            .getString(0));
    assertEquals(
        List.of("user", "assistant", "tool", "assistant"),
        rows(
                pool,
                "select role from message where conversation_id = $1 and not trace order by id",
                conversation)
            .stream()
            .map(r -> r.getString(0))
            .toList(),
        "the transcript holds the tool call and its result like an agent's");
    assertTrue(
        rows(pool, "select content from message where conversation_id = $1 and trace", conversation)
            .getFirst()
            .getString(0)
            .startsWith("A password reset link was sent to"),
        "and the customer's line of what was done");
  }
}
