package io.frontdesk.observability;

import static io.frontdesk.testing.Database.count;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Database;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the KPIs are made of, written by real turns: the provider's token usage per turn, the
 * customer's rating of a resolved conversation, and a reopening when the customer writes after a
 * person resolved it.
 */
@QuarkusTest
class SatisfactionAndCostTest {

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private UUID conversation(JsonPath answer) {
    return UUID.fromString(answer.getString("conversationId"));
  }

  /** A conversation the bot resolved: a password reset, done. */
  private UUID resolved(String customer) {
    model.enqueue(
        Reply.toolCall("perform_account_action", "{\"action\":\"password_reset\"}"),
        Reply.text("Done: a reset link is on its way to your e-mail address."));
    JsonPath answer = Inquiries.ask(customer, "I forgot my password, can you reset it?");
    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    return conversation(answer);
  }

  @Test
  void aTurnStoresTheTokenUsageTheProviderReported() {
    String answer = "Your plan is Pro, renewed monthly.";
    model.enqueue(Reply.text(answer));
    JsonPath asked = Inquiries.ask("cus_0231", "Which plan am I on at the moment, please?");
    UUID id = conversation(asked);

    Row usage =
        Database.rows(
                pool,
                "select model, input_tokens, output_tokens, reported from model_usage where"
                    + " conversation_id = $1",
                id)
            .getFirst();
    assertTrue(usage.getBoolean("reported"));
    // the scripted server reports a completion of ceil(characters / 4) tokens and the prompt it
    // received; the name is the one it answers with
    assertEquals((answer.length() + 3) / 4, usage.getInteger("output_tokens"));
    assertTrue(usage.getInteger("input_tokens") > 100, "the system prompt was sent");
    assertFalse(usage.getString("model").isBlank());
  }

  @Test
  void aTurnTheOfflineModelAnsweredCostsNothing() {
    model.failNext(3, 500);
    JsonPath asked = Inquiries.ask("cus_0234", "Which plan am I on?");
    UUID id = conversation(asked);
    assertEquals(0, count(pool, "select count(*) from model_usage where conversation_id = $1", id));
  }

  @Test
  void aCustomerRatesAResolvedConversationOnceAndMayChangeTheirMind() {
    UUID id = resolved("cus_0235");

    rate("cus_0235", id, Map.of("score", 4, "comment", "quick, thanks"))
        .statusCode(200)
        .body("score", equalTo(4));
    rate("cus_0235", id, Map.of("score", 5)).statusCode(200);

    Row rating =
        Database.rows(
                pool,
                "select score, comment from conversation_rating where conversation_id = $1",
                id)
            .getFirst();
    assertEquals(5, rating.getInteger("score"));
    assertEquals(null, rating.getString("comment"));
  }

  @Test
  void aRatingIsRefusedWithAReasonForABadScoreAnotherCustomerOrAnOpenTicket() {
    UUID id = resolved("cus_0236");

    rate("cus_0236", id, Map.of("score", 7))
        .statusCode(400)
        .body("error", equalTo("invalid_request"))
        .body("message", equalTo("score must be a whole number from 1 to 5"));
    rate("cus_0237", id, Map.of("score", 5)).statusCode(404);

    // the customer asks for a person: a ticket opens and stays open
    JsonPath human = Inquiries.ask("cus_0236", "I want to talk to a human agent please", id);
    assertTrue(human.getBoolean("escalated"), human.prettify());
    rate("cus_0236", id, Map.of("score", 5))
        .statusCode(409)
        .body(
            "message",
            equalTo("This conversation is still open; it can be rated once it is resolved."));
    assertEquals(
        0, count(pool, "select count(*) from conversation_rating where conversation_id = $1", id));
  }

  @Test
  void writingAgainAfterAPersonResolvedTheConversationReopensItOnce() {
    UUID id = resolved("cus_0238");
    Inquiries.asAgent("agt_kpi")
        .contentType(ContentType.JSON)
        .body(Map.of("status", "resolved"))
        .post("/api/v1/console/inbox/" + id + "/status")
        .then()
        .statusCode(200);

    model.enqueue(Reply.text("You're welcome!"));
    Inquiries.ask("cus_0238", "Thanks, that worked.", id);
    model.enqueue(Reply.text("You're welcome, bye!"));
    Inquiries.ask("cus_0238", "Bye then.", id);

    // the second message is a reopening; the third follows the bot's answer, not a person's
    Row row =
        Database.rows(pool, "select reopened, reopened_at from conversation where id = $1", id)
            .getFirst();
    assertEquals(1, row.getInteger("reopened"));
    assertTrue(row.getOffsetDateTime("reopened_at") != null);
  }

  private static io.restassured.response.ValidatableResponse rate(
      String customer, UUID id, Map<String, Object> body) {
    return Inquiries.as(customer)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/conversations/" + id + "/rating")
        .then();
  }
}
