package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalFlowTest;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer's language with a model endpoint: read from their messages, kept on the conversation
 * and the ticket, told to the model, and the notices written in it.
 */
@QuarkusTest
class CustomerLanguageTurnTest {

  static final String FRENCH = "Je n'arrive pas à me connecter à mon compte";

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void reset() {
    model.reset();
  }

  @Test
  void aFrenchMessageTellsTheModelToAnswerInFrenchAndAShortReplyKeepsIt() {
    model.enqueue(Reply.text("Je vous envoie un lien de réinitialisation."));
    JsonPath first = Inquiries.ask("cus_0083", FRENCH);
    UUID conversation = UUID.fromString(first.getString("conversationId"));

    assertTrue(
        systemPrompt(model.lastRequest())
            .contains("The customer writes in French: answer in French"),
        systemPrompt(model.lastRequest()));
    assertEquals("fr", language(conversation));

    // "ok merci" and an order id are no evidence of another language
    model.enqueue(Reply.text("Avec plaisir."));
    Inquiries.ask("cus_0083", "ok merci ord_000015", conversation);
    assertTrue(systemPrompt(model.lastRequest()).contains("answer in French"));
    assertEquals("fr", language(conversation));

    // a whole sentence in English is
    model.enqueue(Reply.text("Sure."));
    Inquiries.ask("cus_0083", "Actually, can you show me my latest invoice please?", conversation);
    assertTrue(systemPrompt(model.lastRequest()).contains("answer in English"));
    assertEquals("en", language(conversation));
  }

  @Test
  void aTicketForAFrenchCustomerIsNoticedInFrenchWithWhenAndHowTheTeamAnswers() {
    model.enqueue(Reply.text("ESCALATE: the customer cannot sign in"));

    JsonPath answer = Inquiries.ask("cus_0084", FRENCH);

    String ticketId = answer.getString("ticketId");
    Row ticket =
        rows(
                pool,
                "select t.language, c.tier from ticket t join customer c on c.id = t.customer_id"
                    + " where t.id = $1",
                Long.parseLong(ticketId.substring(4)))
            .getFirst();
    assertEquals("fr", ticket.getString("language"));
    assertEquals(
        "J'ai ouvert une demande d'assistance (#%s) pour vous. Notre équipe vous répondra sous %s,"
                .formatted(ticketId, frenchTarget(ticket.getString("tier")))
            + " ici dans cette conversation et par e-mail.",
        answer.getString("response"));
    JsonPath transcript =
        Inquiries.as("cus_0084")
            .get("/api/v1/conversations/" + answer.getString("conversationId"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertTrue(
        transcript.getList("messages.title").contains("Demande " + ticketId + "."),
        transcript.prettify());
    assertEquals("fr", transcript.getString("conversation.language"));
  }

  @Test
  void anEnglishTicketNoticeSaysWhenAndHowTheTeamAnswers() {
    model.enqueue(Reply.text("ESCALATE: needs a person"));

    JsonPath answer = Inquiries.ask("cus_0085", "My contract's termination fee looks wrong to me");

    String tier =
        rows(pool, "select tier from customer where id = 'cus_0085'").getFirst().getString(0);
    String target =
        switch (tier) {
          case "enterprise" -> "1 hour";
          case "pro" -> "8 hours";
          default -> "24 hours";
        };
    assertTrue(
        answer
            .getString("response")
            .endsWith(
                "for you. Our team will answer within "
                    + target
                    + ", here in this chat and by e-mail."),
        answer.getString("response"));
    assertEquals(
        "en",
        rows(
                pool,
                "select language from ticket where id = $1",
                Long.parseLong(answer.getString("ticketId").substring(4)))
            .getFirst()
            .getString(0));
  }

  @Test
  void anApprovalNoticeWritesTheAmountWithTwoDecimalsAndItsCurrencyAndTheConfiguredExpiry() {
    Row order = ApprovalFlowTest.paidOrder(pool, "cus_0086", "cus_0098");
    String orderId = order.getString("id");
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":19}"));

    JsonPath answer =
        Inquiries.ask(
            order.getString("customer_id"),
            "Pouvez-vous me rembourser 19 euros sur la commande " + orderId + " ?");

    String currency =
        rows(pool, "select currency from orders where id = $1", orderId).getFirst().getString(0);
    assertEquals(
        ("Cela doit d'abord être approuvé par un collègue : un remboursement de 19,00 %s sur la"
                + " commande %s. J'afficherai la décision ici dès qu'elle sera prise ; si personne"
                + " ne décide sous 5 minutes, la demande passe à notre équipe d'assistance.")
            .formatted(currency, orderId),
        answer.getString("response"));
    assertFalse(answer.getString("response").contains("(request "));
  }

  private String language(UUID conversation) {
    return rows(pool, "select language from conversation where id = $1", conversation)
        .getFirst()
        .getString(0);
  }

  private static String frenchTarget(String tier) {
    return switch (tier) {
      case "enterprise" -> "1 heure";
      case "pro" -> "8 heures";
      default -> "24 heures";
    };
  }

  private static String systemPrompt(RecordedRequest request) {
    return request.json().get("messages").get(0).get("content").asText();
  }
}
