package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.http.TooManyRequests;
import io.frontdesk.security.SecurityConfig;
import io.frontdesk.testing.Browser;
import io.frontdesk.testing.Database;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.SignIn;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer's chat page in headless Chromium against the running application. */
@QuarkusTest
class ChatPageTest {

  static final String ANSWER =
      "Your latest invoice INV-0042 is paid in full, and nothing else is due this month.";

  @TestHTTPResource("/")
  URL root;

  @Inject Pool pool;
  @Inject SecurityConfig security;
  @Inject CustomerRateLimiter limiter;

  private final ScriptedModelServer model = ModelServerTestResource.server();
  private Browser browser;

  @BeforeEach
  void setUp() {
    model.reset();
    browser = Browser.open();
  }

  @AfterEach
  void tearDown() {
    browser.close();
  }

  @Test
  void aCustomerSeesTheAnswerStreamInWithAToolStatusLine() {
    SignIn.customer(browser, root.toString(), "cus_0016");
    assertEquals("websocket", browser.script("return document.body.dataset.transport").asText());
    streamedAnswerWithToolLine();
  }

  @Test
  void withoutAWebSocketTheSameChatRunsOverHttp() {
    SignIn.customer(browser, root + "?transport=http", "cus_0017");
    assertEquals("http", browser.script("return document.body.dataset.transport").asText());
    streamedAnswerWithToolLine();
  }

  @Test
  void whenItsTokenExpiresThePageSignsInAgainAndTheConversationContinues() {
    // accepted now, expired (clock skew included) a few seconds from now
    String shortLived =
        TestTokens.withClaims(
            Map.of("sub", "cus_0130"), Instant.now().minus(security.clockSkew()).plusSeconds(8));
    browser.get(root.toString());
    browser.find("#token").type(shortLived);
    browser.find("[data-paste] button[type=submit]").click();
    browser.waitForText(".conn", "Connected");
    model.enqueue(Reply.toolCall("list_invoices", "{}"), Reply.text(ANSWER));
    browser.find("#message").type("Can you check my latest invoice?");
    browser.find("#send").click();
    browser.waitForText(".msg.bot:not(.streaming) .text", ANSWER);
    String conversation = storedConversation();

    // the socket closes with 4401: the page asks for a token again, keeping the conversation
    browser.waitFor("the sign-in form again", () -> browser.find("#signin").displayed());
    browser.find("#token").clear().type(TestTokens.customer("cus_0130"));
    browser.find("[data-paste] button[type=submit]").click();
    browser.waitForText(".conn", "Connected");
    assertEquals(conversation, storedConversation());

    model.enqueue(Reply.toolCall("list_invoices", "{}"), Reply.text(ANSWER));
    browser.find("#message").type("And is anything else due on my invoices?");
    browser.find("#send").click();
    browser.waitFor(
        "the second answer", () -> browser.findAll(".msg.bot:not(.streaming)").size() == 2);
    assertEquals(
        2,
        Database.count(
            pool,
            "select count(*) from message where conversation_id = $1 and role = 'user'",
            UUID.fromString(conversation)));
  }

  @Test
  void aRateLimitedMessageShowsOneNoticeWithTheWaitAndGivesTheTextBackToSendAgain() {
    SignIn.customer(browser, root.toString(), "cus_0187");
    assertEquals("websocket", browser.script("return document.body.dataset.transport").asText());
    exhaust("cus_0187");

    browser.find("#message").type("Which plan am I on?");
    browser.find("#send").click();

    browser.waitForText(".notice.error", t -> t.matches(".*retry in \\d+ s.*"), "the wait");
    browser.waitForText("#send", "Send");
    assertEquals(
        "Which plan am I on?",
        browser.find("#message").property("value"),
        "the customer's text is back in the box, to send again");
    assertTrue(browser.findAll(".msg.me").isEmpty(), "what was not stored is not shown as sent");
    assertEquals(1, browser.findAll(".notice.error").size(), "one notice");
    assertTrue(browser.findAll(".msg.bot").isEmpty(), "no bubble repeats the notice");
    assertEquals(
        0,
        Database.count(pool, "select count(*) from conversation where customer_id = 'cus_0187'"),
        "nothing stored");
    assertEquals(0, model.requestCount(), "nothing reached the model");
  }

  @Test
  void anAnswerInMarkdownIsRenderedAndMarkupInjectedIntoItIsInert() {
    SignIn.customer(browser, root.toString(), "cus_0232");
    model.enqueue(
        Reply.toolCall("list_invoices", "{}"),
        Reply.text(
            "Your latest invoice is **paid in full**.\n\n- [Billing help](https://example.com/billing)"
                + "\n- [Pay now](javascript:window.pwned=1)\n\n<img src=x onerror=\"window.pwned=2\">"
                + " <a href=\"javascript:window.pwned=3\" onclick=\"window.pwned=4\">here</a>"));

    browser.find("#message").type("Is my latest invoice paid?");
    browser.find("#send").click();

    browser.waitForText(".msg.bot:not(.streaming) strong", "paid in full");
    Browser.Element link = browser.find(".msg.bot a[href='https://example.com/billing']");
    assertEquals("_blank", link.attribute("target"));
    assertTrue(link.attribute("rel").contains("noopener"), link.attribute("rel"));
    assertEquals(0, browser.findAll(".msg.bot img").size(), "no image, no onerror");
    assertEquals(0, browser.findAll(".msg.bot [onclick], .msg.bot [onerror]").size());
    assertEquals(
        0,
        browser
            .script(
                "return [...document.querySelectorAll('.msg a')].filter(a =>"
                    + " /^\\s*javascript:/i.test(a.getAttribute('href') || '')).length")
            .asInt(),
        "no javascript: link");
    for (Browser.Element a : browser.findAll(".msg.bot a:not([href^='https:'])")) {
      a.click();
    }
    assertTrue(browser.script("return window.pwned === undefined").asBoolean(), "nothing ran");
    assertFalse(browser.bodyText().contains("**"), "no raw Markdown on the page");
    browser.screenshot("chat-markdown");
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

  private String storedConversation() {
    return browser
        .script("return localStorage.getItem('frontdesk.customer.conversation')")
        .asText();
  }

  private void streamedAnswerWithToolLine() {
    model.tokensPerSecond(8);
    model.enqueue(Reply.toolCall("list_invoices", "{}"), Reply.text(ANSWER));

    browser.find("#message").type("Can you check my latest invoice?");
    browser.find("#send").click();

    browser.waitForText(".msg.me", "Can you check my latest invoice?");
    browser.waitForText(".status.tool", "Looking up your invoices — done");
    // part of the answer is on the page while the rest is still coming
    browser.waitForText(
        ".msg.bot.streaming .text",
        t -> !t.isEmpty() && !t.contains("this month."),
        "a partly streamed answer");
    browser.waitForText(".msg.bot:not(.streaming) .text", ANSWER);
    assertEquals("Send", browser.find("#send").text());
    assertFalse(browser.texts(".status.tool").isEmpty());
    // the customer's name in the header, not their account id
    String who =
        browser.waitForText("#who", t -> !t.contains("cus_0"), "the customer's name").text();
    assertTrue(
        io.frontdesk.testing.Database.rows(
                pool, "select name from customer where id in ('cus_0016', 'cus_0017')")
            .stream()
            .anyMatch(r -> who.contains(r.getString("name"))),
        who);
    assertFalse(browser.findAll("#signin").getFirst().displayed(), "the sign-in form is gone");
  }
}
