package io.frontdesk.escalation;

import static io.frontdesk.testing.Database.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closings and definitive refusals are answers, not reasons for a ticket. */
@QuarkusTest
class ClosingTurnTest {

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private long tickets(String customer) {
    return count(pool, "select count(*) from ticket where customer_id = $1", customer);
  }

  @Test
  void aThankYouAfterAResolvedTurnGetsAReplyAndNoTicket() {
    String customer = "cus_0071";
    model.enqueue(
        Reply.toolCall("perform_account_action", "{\"action\":\"password_reset\"}"),
        Reply.text("Done: a reset link is on its way to your e-mail address."));
    JsonPath resolved = Inquiries.ask(customer, "I forgot my password, can you reset it?");
    assertTrue(resolved.getBoolean("resolved"), resolved.prettify());
    UUID conversation = UUID.fromString(resolved.getString("conversationId"));
    long before = tickets(customer);
    // if the router is not sure of this closing, the model answers it without a tool
    model.enqueue(Reply.text("You're welcome! Have a good day."));

    JsonPath thanks =
        Inquiries.ask(customer, "Great, thank you so much, that sorted it. Bye!", conversation);

    assertFalse(thanks.getBoolean("escalated"), thanks.prettify());
    assertNull(thanks.getString("ticketId"));
    assertTrue(thanks.getBoolean("resolved"));
    assertFalse(thanks.getString("response").isBlank(), "the customer gets a reply");
    assertEquals(before, tickets(customer), "no ticket for a thank-you");
  }

  @Test
  void aRefusalThatIsTheRightAnswerDoesNotOpenATicket() {
    String customer = "cus_0076";
    String theirs =
        io.frontdesk.testing.Database.rows(
                pool, "select id from orders where customer_id <> $1 order by id limit 1", customer)
            .getFirst()
            .getString(0);
    long before = tickets(customer);
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + theirs + "\",\"amount\":10}"),
        Reply.text("I can't find order " + theirs + " on your account, so I can't refund it."));

    JsonPath answer = Inquiries.ask(customer, "Please refund order " + theirs);

    assertFalse(answer.getBoolean("escalated"), answer.prettify());
    assertEquals(before, tickets(customer));
    assertTrue(answer.getDouble("confidence") >= 0.7, answer.prettify());
  }
}
