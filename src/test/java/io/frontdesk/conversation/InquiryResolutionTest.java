package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Turns the agent resolves itself, with tools that read and write PostgreSQL. */
@QuarkusTest
class InquiryResolutionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  @Test
  void forgottenPasswordIsResetForTheAuthenticatedCustomer() {
    long resetsBefore =
        count(pool, "select count(*) from account_action where customer_id = 'cus_0006'");
    model.enqueue(
        Reply.toolCall("perform_account_action", "{\"action\":\"password_reset\"}"),
        Reply.text("I've emailed you a reset link; it is valid for 60 minutes."));

    JsonPath answer = Inquiries.ask("cus_0006", "I forgot my password");

    assertTrue(answer.getBoolean("resolved"));
    assertFalse(answer.getBoolean("escalated"));
    assertTrue(
        answer.getDouble("confidence") >= 0.7, "confidence " + answer.getDouble("confidence"));
    assertEquals(
        "I've emailed you a reset link; it is valid for 60 minutes.", answer.getString("response"));
    assertNull(answer.getString("ticketId"));

    List<Row> resets =
        rows(
            pool,
            "select action, status, detail from account_action where customer_id = 'cus_0006'"
                + " order by id desc");
    assertEquals(resetsBefore + 1, resets.size(), "one reset written");
    assertEquals("password_reset", resets.getFirst().getString("action"));
    assertEquals("link_sent", resets.getFirst().getString("status"));

    UUID conversation = UUID.fromString(answer.getString("conversationId"));
    List<Row> audit =
        rows(
            pool,
            "select actor_type, actor_id, customer_id, action, arguments::text, decision from"
                + " audit_log where conversation_id = $1",
            conversation);
    assertEquals(1, audit.size());
    assertEquals("agent", audit.getFirst().getString("actor_type"));
    assertEquals("cus_0006", audit.getFirst().getString("customer_id"));
    assertEquals("perform_account_action", audit.getFirst().getString("action"));
    assertEquals("executed", audit.getFirst().getString("decision"));
    assertTrue(audit.getFirst().getString(4).contains("password_reset"));

    RecordedRequest first = model.requests().getFirst();
    assertTrue(
        first
            .toolNames()
            .containsAll(
                List.of(
                    "search_knowledge_base", "search_documentation", "perform_account_action")));
    assertFalse(first.body().contains("customer_id"), "the model is never asked for an identity");
    assertEquals("I forgot my password", first.lastUserMessage());
  }

  @Test
  void knowledgeBaseQuestionIsAnsweredFromTheExpectedArticle() throws Exception {
    model.enqueue(
        Reply.toolCall(
            "search_knowledge_base", "{\"query\":\"charged twice for my subscription\"}"),
        Reply.text("Duplicate charges are refunded in full (KB-1019)."));

    JsonPath answer = Inquiries.ask("cus_0007", "I was charged twice this month");

    assertTrue(answer.getBoolean("resolved"));
    // full tool evidence, the cited article among the results: above the threshold
    assertTrue(answer.getDouble("confidence") >= 0.7, answer.prettify());
    assertEquals(2, model.requestCount());
    String raw = model.requests().get(1).toolResult("search_knowledge_base");
    assertTrue(raw.startsWith("{\"summary\":\"Found 3 articles\","), "compact JSON: " + raw);
    assertFalse(raw.contains("similarity"), "the retrieval score is not shown to the model");
    JsonNode result = JSON.readTree(raw);
    assertEquals("Found 3 articles", result.get("summary").asText());
    assertEquals("KB-1019", result.get("results").get(0).get("id").asText());
    assertEquals("I was charged twice", result.get("results").get(0).get("title").asText());
    assertFalse(result.get("results").get(0).get("passage").asText().isBlank());
  }

  @Test
  void actionOutsideTheAllowlistIsRefusedAuditedAndChangesNothing() {
    long actionsBefore = count(pool, "select count(*) from account_action");
    long customersBefore = count(pool, "select count(*) from customer");
    model.enqueue(
        Reply.toolCall("perform_account_action", "{\"action\":\"delete_account\"}"),
        Reply.text("I can't delete accounts myself."));

    JsonPath answer = Inquiries.ask("cus_0008", "Delete my account");

    String toolResult = model.requests().get(1).toolResult("perform_account_action");
    assertTrue(toolResult.contains("action not allowed: delete_account"), toolResult);
    assertEquals(actionsBefore, count(pool, "select count(*) from account_action"));
    assertEquals(customersBefore, count(pool, "select count(*) from customer"));
    UUID conversation = UUID.fromString(answer.getString("conversationId"));
    List<Row> audit =
        rows(
            pool,
            "select decision, reason from audit_log where conversation_id = $1",
            conversation);
    assertEquals(1, audit.size());
    assertEquals("denied", audit.getFirst().getString("decision"));
    assertTrue(audit.getFirst().getString("reason").contains("delete_account"));
    assertTrue(
        answer.getDouble("confidence") < 0.5, "the only tool call failed: " + answer.prettify());
    assertTrue(answer.getBoolean("escalated"), "an unresolved refusal goes to a human");
  }
}
