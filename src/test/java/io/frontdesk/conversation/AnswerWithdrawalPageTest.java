package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontdesk.testing.Browser;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.SignIn;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat page in headless Chromium when the answer being streamed breaks off: the part already
 * shown is taken back, and what the customer keeps is what answers instead (here a ticket).
 */
@QuarkusTest
class AnswerWithdrawalPageTest {

  // no digits or addresses: the output guards let it stream word by word
  private static final String ANSWER =
      "Certainly: your subscription renews by itself each month, and you can change it any time.";

  @TestHTTPResource("/")
  URL root;

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
    model.reset();
  }

  @Test
  void aPartlyStreamedAnswerTheTurnGivesUpOnDisappearsFromThePage() {
    model.enqueue(Reply.text(ANSWER).drippingAfter(6));
    SignIn.customer(browser, root.toString(), "cus_0128");

    browser.find("#message").type("Which plan am I on?");
    browser.find("#send").click();
    browser.waitForText(".msg.bot.streaming .text", "Certainly: your");

    // the turn runs out of time while the model still drips the rest of its answer
    assertEquals(1, ExpirableDeadline.expireAll(), "the turn's deadline was pending");

    browser.waitForText(".notice.ticket", "Ticket");
    browser.waitForText("#send", "Send");
    // its bubble is gone, not refilled with the ticket's notice (the notice says it once)
    assertEquals(List.of(), browser.texts(".msg.bot .text"), "no answer stays from the broken one");
    Eventually.await("the model's dripping connection closed", () -> model.hungUp() == 1);
  }
}
