package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.http.TooManyRequests;
import io.frontdesk.testing.Browser;
import io.frontdesk.testing.Database;
import io.frontdesk.testing.OfflineProfile;
import io.frontdesk.testing.SignIn;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat page in headless Chromium with the offline model: a whole conversation, reloaded. */
@QuarkusTest
@TestProfile(OfflineProfile.class)
class OfflineChatPageTest {

  @TestHTTPResource("/")
  URL root;

  @Inject Pool pool;
  @Inject CustomerRateLimiter limiter;

  private Browser browser;

  @BeforeEach
  void setUp() {
    browser = Browser.open();
  }

  @AfterEach
  void tearDown() {
    browser.close();
  }

  @Test
  void everyStatusLineOfAConversationCompletesAndAReloadShowsExactlyWhatWasSeenLive() {
    Row customer =
        Database.rows(
                pool,
                "select o.customer_id, o.id from orders o join customer c on c.id = o.customer_id"
                    + " where c.tier = 'pro' and o.status = 'paid' and exists (select 1 from"
                    + " service s where s.customer_id = c.id) and not exists (select 1 from refund"
                    + " r where r.order_id = o.id) and not exists (select 1 from conversation v"
                    + " where v.customer_id = c.id) order by c.id desc, o.id desc limit 1")
            .getFirst();
    SignIn.customer(browser, root.toString(), customer.getString(0));
    List<String> messages =
        List.of(
            "Which plan am I on?",
            "Show me my latest invoice",
            "Are my services running?",
            "I forgot my password",
            "Please refund order " + customer.getString(1) + " in full",
            "I want to talk to a person");

    for (int i = 0; i < messages.size(); i++) {
      browser.find("#message").type(messages.get(i));
      browser.find("#send").click();
      int answered = i + 1;
      browser.waitFor(
          "message " + answered + " answered",
          () ->
              browser.findAll(".msg.me").size() == answered
                  && "Send".equals(browser.find("#send").text()));
    }

    List<String> statuses = browser.texts(".status.tool");
    assertTrue(statuses.size() >= messages.size() - 1, "a line for each tool call: " + statuses);
    assertTrue(
        statuses.stream().noneMatch(s -> s.endsWith("…")), "every line completed: " + statuses);
    assertTrue(statuses.contains("Preparing the refund — waiting for approval"), "" + statuses);
    assertEquals(1, browser.findAll(".notice.approval").size(), "the approval's notice");
    assertEquals(1, browser.findAll(".notice.ticket").size(), "the ticket's notice");
    List<String> live = browser.texts("#log > li");
    browser.screenshot("offline-chat-live");

    browser.get(root.toString());
    browser.waitFor(
        "the restored transcript", () -> browser.findAll("#log > li").size() >= live.size());
    browser.screenshot("offline-chat-reloaded");

    assertEquals(live, browser.texts("#log > li"));
    String page = browser.bodyText();
    for (String internal : List.of("ESCALATE", "svc_", "pay_", "ref_", "(request ", "_to_")) {
      assertFalse(page.contains(internal), internal + " on the page: " + page);
    }
  }

  @Test
  void aFrenchCustomerGetsFrenchNoticesAndAPersonWithTheirLanguageOnTheTicket() {
    String customer = unusedCustomer();
    SignIn.customer(browser, root.toString(), customer);

    browser.find("#message").type("Je n'arrive pas à me connecter à mon compte");
    browser.find("#send").click();

    browser.waitForText(".notice.ticket", t -> t.contains("(#TCK-"), "the ticket's notice");
    browser.waitForText("#send", "Envoyer");
    String notice = browser.find(".notice.ticket").text();
    assertTrue(
        notice.matches(
            "Demande TCK-\\d+\\. Je ne sais pas encore répondre seul aux messages en français :"
                + " j'ai transmis le vôtre à une personne de notre équipe, qui vous répondra en"
                + " français\\. J'ai ouvert une demande d'assistance \\(#TCK-\\d+\\) pour vous\\."
                + " Notre équipe vous répondra sous \\d+ heures?, ici dans cette conversation et par"
                + " e-mail\\."),
        notice);
    assertTrue(browser.findAll(".msg.bot").isEmpty(), "no English guess: " + browser.bodyText());
    assertEquals("fr", browser.script("return document.documentElement.lang").asText());
    assertEquals("Vous", browser.find(".msg.me .from").text(), "the page's own words follow");
    Row ticket =
        Database.rows(
                pool,
                "select t.language, t.reason, c.language from ticket t join conversation c on c.id"
                    + " = t.conversation_id where t.customer_id = $1",
                customer)
            .getFirst();
    assertEquals("fr", ticket.getString(0), "the ticket's language");
    assertEquals("language_unsupported", ticket.getString(1));
    assertEquals("fr", ticket.getString(2), "the conversation's language");
    browser.screenshot("offline-chat-french");

    // a reload shows the same conversation, in French
    List<String> live = browser.texts("#log > li");
    browser.get(root.toString());
    browser.waitFor(
        "the restored transcript", () -> browser.findAll("#log > li").size() >= live.size());
    assertEquals(live, browser.texts("#log > li"));
    assertEquals("Envoyer", browser.find("#send").text());
  }

  @Test
  void aRateLimitedFrenchMessageKeepsItsTextSaysHowLongToWaitInFrenchAndSendComesBack() {
    String customer = unusedCustomer();
    SignIn.customer(browser, root.toString(), customer);
    browser.find("#message").type("Bonjour, mon site est en panne depuis ce matin");
    browser.find("#send").click();
    browser.waitForText(".notice.ticket", t -> t.contains("(#TCK-"), "the ticket's notice");
    browser.waitForText("#send", "Envoyer");
    exhaust(customer);

    browser.find("#message").type("Pouvez-vous vérifier ma dernière facture ?");
    browser.find("#send").click();

    browser.waitForText(
        ".notice.error",
        t ->
            t.matches(
                "Un instant, s'il vous plaît\\. .*merci d'attendre \\d+ (secondes?|minutes?).*"),
        "the wait, in French");
    browser.waitForText("#send", "Envoyer");
    assertFalse(
        browser.script("return document.getElementById('send').disabled").asBoolean(),
        "Send comes back");
    assertEquals(
        "Pouvez-vous vérifier ma dernière facture ?",
        browser.find("#message").property("value"),
        "the text is back in the box");
    assertEquals(1, browser.findAll(".msg.me").size(), "the refused message is not shown as sent");
    browser.screenshot("offline-chat-french-rate-limited");
  }

  /** A customer with no conversation yet (these tests run after others in the same database). */
  private String unusedCustomer() {
    return Database.rows(
            pool,
            "select c.id from customer c where not exists (select 1 from conversation v where"
                + " v.customer_id = c.id) order by c.id desc limit 1")
        .getFirst()
        .getString(0);
  }

  /** Empties the customer's bucket (the test profile's burst is high so no other test hits it). */
  private void exhaust(String customer) {
    for (int i = 0; i < 100_000; i++) {
      try {
        limiter.acquire(customer);
      } catch (TooManyRequests limited) {
        return;
      }
    }
    throw new AssertionError("the limiter never refused");
  }
}
