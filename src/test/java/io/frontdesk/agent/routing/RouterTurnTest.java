package io.frontdesk.agent.routing;

import static io.frontdesk.testing.Database.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.turn.Route;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the router answers itself, with a model configured: no model call for either. */
@QuarkusTest
class RouterTurnTest {

  @Inject Pool pool;
  @Inject Router router;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  @Test
  void smalltalkGetsAShortReplyNoModelCallAndNoTicket() {
    long tickets = count(pool, "select count(*) from ticket where customer_id = 'cus_0063'");

    List<JsonNode> events = Inquiries.stream("cus_0063", "thanks, that's all", null);

    JsonNode done = events.getLast();
    assertTrue(done.get("resolved").asBoolean(), done.toString());
    assertFalse(done.get("escalated").asBoolean());
    assertTrue(done.get("confidence").asDouble() >= 0.7, "as sure as the route: " + done);
    assertTrue(events.stream().anyMatch(e -> e.get("type").asText().equals("text")));
    assertEquals(0, model.requestCount(), "no model call");
    assertEquals(
        tickets, count(pool, "select count(*) from ticket where customer_id = 'cus_0063'"));
    UUID conversation = UUID.fromString(done.get("conversationId").asText());
    assertEquals(
        2,
        count(pool, "select count(*) from message where conversation_id = $1", conversation),
        "the greeting and the reply are in the transcript");
  }

  @Test
  void aRequestForAPersonOpensATicketWithoutAModelCall() {
    JsonPath answer = Inquiries.ask("cus_0064", "Could I please speak with a real person?");

    assertTrue(answer.getBoolean("escalated"), answer.prettify());
    assertEquals(0, model.requestCount());
    assertEquals(
        "customer_request",
        io.frontdesk.testing.Database.rows(
                pool,
                "select reason from ticket where id = $1",
                Long.parseLong(answer.getString("ticketId").substring(4)))
            .getFirst()
            .getString(0));
  }

  @Test
  void anOrdinaryQuestionThatSoundsLikeOneReachesTheAgent() {
    JsonPath answer = Inquiries.ask("cus_0065", "Can I transfer ownership to someone else?");

    assertTrue(model.requestCount() >= 1, "the agent answered");
    assertEquals(
        0,
        count(
            pool,
            "select count(*) from ticket where conversation_id = $1 and reason ="
                + " 'customer_request'",
            UUID.fromString(answer.getString("conversationId"))));
  }

  @Test
  void aPoliteReplyThatNamesAnOrderReachesTheAgentNotTheSmalltalkReply() {
    Route polite =
        router.understand("It's ord_000935, in full please.").await().indefinitely().route();
    // without its order (References.strip) it reads as a closing: the router is not sure of it
    assertEquals(Route.SMALLTALK, polite.route(), polite.toString());
    assertFalse(polite.sure(), polite.toString());
    assertTrue(router.understand("thanks, that's all").await().indefinitely().route().sure());

    Inquiries.ask("cus_0237", "It's ord_000935, in full please.");

    assertTrue(model.requestCount() >= 1, "the agent answered it");
  }
}
