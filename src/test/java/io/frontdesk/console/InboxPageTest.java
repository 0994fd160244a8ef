package io.frontdesk.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Browser;
import io.frontdesk.testing.CustomerAndAgentBrowsers;
import io.frontdesk.testing.Database;
import io.frontdesk.testing.SignIn;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The console's inbox in headless Chromium: two agents side by side, each in their own browser. */
@QuarkusTest
class InboxPageTest extends CustomerAndAgentBrowsers {

  @jakarta.inject.Inject SlaWatch watch;

  private static String item(UUID id) {
    return "#inbox .item[data-key='conversation:" + id + "']";
  }

  /** Searches the transcripts for the word (the shared test database holds many conversations). */
  private static void search(Browser browser, String word) {
    browser.find("#inbox-q").clear().type(word);
    browser.find("#inbox-filters button[type=submit]").click();
  }

  @Test
  void aConversationAnAgentAssignsToHimselfShowsAsHisInAnotherAgentsInboxWithoutAReload() {
    String word = InboxSeed.uniqueWord();
    UUID id = InboxSeed.conversation(pool, "cus_0148", "escalated", "My " + word + " is broken");
    InboxSeed.ticket(pool, id, "cus_0148", "high", "customer_request", InboxSeed.now());
    String name = InboxSeed.name(pool, "cus_0148");
    // the second browser is a second agent here
    Browser other = customer;
    SignIn.agent(agent, root.toString(), "agt_amir");
    SignIn.agent(other, root.toString(), "agt_bea");
    other.script("window.notReloaded = true");
    search(agent, word);
    search(other, word);

    String shown = other.waitForText(item(id), "Unassigned").text();
    assertTrue(shown.contains(name + " · My " + word + " is broken"), shown);
    assertTrue(shown.contains("Asked for a person"), shown);
    assertTrue(shown.contains("First response due"), shown);
    assertFalse(shown.contains("cus_0148"), "names, not ids: " + shown);

    agent.waitForText(item(id), name).click();
    agent.waitForText("#detail button", "Assign to me").click();
    agent.waitForText("#detail dd", "agt_amir");
    assertEquals(
        "agt_amir",
        Database.rows(pool, "select assignee from conversation where id = $1", id)
            .getFirst()
            .getString("assignee"));

    other.waitForText(item(id), "Assigned to agt_amir");
    assertTrue(other.script("return window.notReloaded === true").asBoolean(), "no reload");
    other.find("#inbox-assignees [data-assignee=others]").click();
    other.waitForText(item(id), "Assigned to agt_amir");
    other.find("#inbox-assignees [data-assignee=unassigned]").click();
    other.waitFor("it to leave the unassigned view", () -> other.findAll(item(id)).isEmpty());
    agent.find("#inbox-assignees [data-assignee=me]").click();
    agent.waitForText(item(id), "Assigned to agt_amir");
    // for the docs and the reviewer: the inbox beside an open conversation
    agent.script("document.getElementById('inbox-title').scrollIntoView()");
    agent.screenshot("inbox-desktop");
  }

  @Test
  void aMissedSlaRaisesTheBadgeAndTheItemSaysItIsOverdue() {
    String word = InboxSeed.uniqueWord();
    String customer = "cus_0223";
    UUID id = InboxSeed.conversation(pool, customer, "escalated", "The " + word + " page is blank");
    // free tier, urgent: a first response within 1 h; opened 2 h ago
    InboxSeed.ticket(pool, id, customer, "urgent", "low_confidence", InboxSeed.now().minusHours(2));
    SignIn.agent(agent, root.toString(), "agt_dana");
    agent.waitForText(".conn", "Live"::equals, "the live console socket");
    search(agent, word);
    assertTrue(agent.waitForText(item(id), "overdue").text().contains("First response overdue"));
    assertTrue(agent.findAll("#alerts:not([hidden])").isEmpty(), "nothing new yet");

    watch.check(InboxSeed.now()).await().atMost(java.time.Duration.ofSeconds(30));

    String badge = agent.waitForText("#alerts", "1 new").attribute("title");
    String name = InboxSeed.name(pool, customer);
    assertTrue(badge.contains("SLA missed: " + name + " — first response overdue"), badge);
    assertFalse(badge.contains(customer), "names, not ids: " + badge);
    agent.script("window.scrollTo(0, 0)");
    agent.screenshot("inbox-sla-missed");
    agent.find("#alerts").click();
    agent.waitFor("the badge to clear", () -> !agent.findAll("#alerts[hidden]").isEmpty());
    agent.waitForText("#detail", name);
  }

  @Test
  void anAgentLabelsAConversationAndTheInboxFiltersOnTheLabel() {
    String word = InboxSeed.uniqueWord();
    String label = "vip-" + word.substring(2, 7);
    UUID id = InboxSeed.conversation(pool, "cus_0152", "escalated", "Invoice " + word + " wrong");
    SignIn.agent(agent, root.toString(), "agt_lena");
    search(agent, word);
    agent.waitForText(item(id), "Invoice " + word).click();
    agent.waitForText("#detail label[for=label-add]", "Add a label");
    agent.find("#label-add").type(label);
    agent.waitForText("#detail button", "Add label").click();

    agent.waitForText(item(id) + " .label-chip", label);
    agent.waitForText("#detail .label-bar .label-chip", label);
    agent.waitForText("#inbox-label", label + " (1)");
    agent.find("#inbox-label").select(label);
    agent.waitForText(item(id), "Invoice " + word);
    agent.script("document.getElementById('detail').scrollIntoView()");
    agent.screenshot("inbox-labels");

    agent.find("#detail .label-remove").click();
    agent.waitFor(
        "the label to come off", () -> agent.findAll("#detail .label-bar .label-chip").isEmpty());
  }

  @Test
  void anAgentSetsAConversationWaitingOnTheCustomerThenSnoozesIt() {
    String word = InboxSeed.uniqueWord();
    UUID id =
        InboxSeed.conversation(pool, "cus_0149", "escalated", "Can I change my " + word + "?");
    SignIn.agent(agent, root.toString(), "agt_cleo");
    search(agent, word);
    agent.waitForText(item(id), "Open").click();
    agent.waitForText("#detail dd", "Open");

    agent.find("#inbox-status").select("pending");
    agent.waitForText("#detail button", "Set status").click();
    agent.waitFor("it to leave the open view", () -> agent.findAll(item(id)).isEmpty());
    agent.find("#inbox-statuses [data-status=pending]").click();
    agent.waitForText(item(id), "Waiting on the customer");
    assertEquals("pending", inboxStatus(id));

    agent.find(item(id)).click();
    agent.waitForText("#detail dd", "Waiting on the customer");
    agent.find("#inbox-status").select("snoozed");
    // a week from now at 09:30 in the browser's time zone (a snooze ends within a year)
    String local = LocalDate.now(ZoneOffset.UTC).plusDays(7) + "T09:30";
    agent.script(
        "const i = document.getElementById('snooze-until'); i.value = arguments[0];"
            + " i.dispatchEvent(new Event('input'))",
        local);
    String expected = agent.script("return new Date(arguments[0]).toISOString()", local).asText();
    agent.waitForText("#detail button", "Set status").click();
    agent.waitFor("it to leave the pending view", () -> agent.findAll(item(id)).isEmpty());
    agent.find("#inbox-statuses [data-status=snoozed]").click();
    agent.waitForText(item(id), "Snoozed until");
    assertEquals("snoozed", inboxStatus(id));
    assertEquals(
        Instant.parse(expected),
        Database.rows(pool, "select snoozed_until from conversation where id = $1", id)
            .getFirst()
            .getOffsetDateTime("snoozed_until")
            .toInstant());
  }

  @Test
  void searchFindsAConversationByAWordFromItsTranscript() {
    String word = InboxSeed.uniqueWord();
    UUID id = InboxSeed.conversation(pool, "cus_0150", "escalated", "Hello there");
    InboxSeed.message(
        pool, id, "user", null, "The " + word + " on my invoice looks wrong", InboxSeed.now());
    SignIn.agent(agent, root.toString(), "agt_dora");
    agent.find("#inbox-statuses [data-status=all]").click();
    search(agent, word);
    agent.waitForText(item(id), "Hello there");
    agent.waitFor(
        "only the conversation with the word", () -> agent.findAll("#inbox .item").size() == 1);
    assertEquals("1", agent.find("#count-all").text());
  }

  private String inboxStatus(UUID id) {
    return Database.rows(pool, "select inbox_status from conversation where id = $1", id)
        .getFirst()
        .getString("inbox_status");
  }
}
