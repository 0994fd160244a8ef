package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
