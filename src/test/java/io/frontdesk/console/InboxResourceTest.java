package io.frontdesk.console;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.frontdesk.testing.Database;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.SocketClient;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The inbox API on the real database: statuses as an agent sees them, assignment, SLA timers from
 * the configured targets, counts per view, full-text search, and its events on the console feed.
 */
@QuarkusTest
class InboxResourceTest {

  static final String ANA = "agt_inbox_ana";
  static final String BEN = "agt_inbox_ben";
  static final String INBOX = "/api/v1/console/inbox";

  @TestHTTPResource("/")
  URI base;

  @Inject Pool pool;

  private static JsonPath get(String agent, String path) {
    return Inquiries.asAgent(agent).get(path).then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath post(String agent, UUID id, String what, Map<String, Object> body) {
    return Inquiries.asAgent(agent)
        .contentType(ContentType.JSON)
        .body(body)
        .post(INBOX + "/" + id + "/" + what)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Map<String, Object> body(String key, Object value) {
    Map<String, Object> body = new HashMap<>();
    body.put(key, value);
    return body;
  }

  @Test
  void anEscalatedConversationIsOpenWithItsReasonAndSlaTimersFromTheTargetsOfItsTierAndPriority() {
    String customer = InboxSeed.customerOf(pool, "enterprise");
    UUID id = InboxSeed.conversation(pool, customer, "escalated", "My invoices vanished");
    OffsetDateTime opened = InboxSeed.now().minusMinutes(10);
    long ticket = InboxSeed.ticket(pool, id, customer, "high", "low_confidence", opened);

    JsonPath item = get(ANA, INBOX + "/" + id);
    assertEquals("open", item.getString("status"));
    assertEquals(InboxSeed.name(pool, customer), item.getString("customerName"));
    assertEquals("My invoices vanished", item.getString("subject"));
    assertEquals("TCK-" + ticket, item.getString("ticketId"));
    assertEquals("low_confidence", item.getString("reason"));
    assertEquals("high", item.getString("priority"));
    // application.yaml: enterprise/high answers within 30m and resolves within 8h
    assertEquals(opened.plusMinutes(30).toInstant(), instant(item, "firstResponseDue"));
    assertEquals(opened.plusHours(8).toInstant(), instant(item, "resolutionDue"));
    assertEquals(opened.plusMinutes(30).toInstant(), instant(item, "slaDue"));

    // a human answered: the first-response timer is met, the resolution timer runs on
    InboxSeed.message(pool, id, "assistant", "human:" + ANA, "Looking into it", InboxSeed.now());
    item = get(ANA, INBOX + "/" + id);
    assertNull(item.getString("firstResponseDue"));
    assertEquals(opened.plusHours(8).toInstant(), instant(item, "slaDue"));

    // a priority set by an agent replaces the ticket's, and so its targets (urgent: 4h)
    item = post(ANA, id, "priority", body("priority", "urgent"));
    assertEquals("urgent", item.getString("priority"));
    assertEquals(opened.plusHours(4).toInstant(), instant(item, "slaDue"));
  }

  @Test
  void assigningAndReleasingIsStoredAndAnnouncedOnTheConsoleFeed() {
    UUID id = InboxSeed.conversation(pool, "cus_0141", "escalated", "Please call me back");
    try (SocketClient console = SocketClient.connect(base, "/ws/console", TestTokens.agent(BEN))) {
      console.next("console_ready");
      JsonPath item = post(ANA, id, "assignee", body("agent", ANA));
      assertEquals(ANA, item.getString("assignee"));
      assertEquals(ANA, assignee(id));
      JsonObject event = updated(console, id);
      assertEquals(ANA, event.getString("assignee"));
      assertEquals(ANA, event.getString("by"));
      assertEquals("cus_0141", event.getString("customerId"));

      // Ben sees it assigned to someone else; Ana sees it as hers
      assertEquals(ANA, get(BEN, INBOX + "/" + id).getString("assignee"));
      post(ANA, id, "assignee", body("agent", null));
      assertNull(assignee(id));
      assertNull(updated(console, id).getString("assignee"));
    }
  }

  @Test
  void aPendingConversationIsOpenAgainWhenTheCustomerWritesAndASnoozeEndsAtItsTime() {
    UUID id = InboxSeed.conversation(pool, "cus_0142", "escalated", "Where is my parcel");
    assertEquals("pending", post(ANA, id, "status", body("status", "pending")).getString("status"));
    assertEquals("pending", get(ANA, INBOX + "/" + id).getString("status"));

    InboxSeed.message(pool, id, "user", null, "Any news?", InboxSeed.now());
    assertEquals("open", get(ANA, INBOX + "/" + id).getString("status"));

    OffsetDateTime until = InboxSeed.now().plusHours(2);
    Map<String, Object> snooze = body("status", "snoozed");
    snooze.put("snoozedUntil", until.toString());
    JsonPath item = post(ANA, id, "status", snooze);
    assertEquals("snoozed", item.getString("status"));
    assertEquals(until.toInstant(), instant(item, "snoozedUntil"));
    assertEquals(
        until.toInstant(),
        Database.rows(pool, "select snoozed_until from conversation where id = $1", id)
            .getFirst()
            .getOffsetDateTime("snoozed_until")
            .toInstant());

    // the snooze's time has come: open again
    Database.rows(
        pool,
        "update conversation set snoozed_until = now() - interval '1 minute' where id = $1"
            + " returning id",
        id);
    assertEquals("open", get(ANA, INBOX + "/" + id).getString("status"));
  }

  @Test
  void resolvingAConversationResolvesItsOpenTicketAndTellsTheCustomer() {
    UUID id = InboxSeed.conversation(pool, "cus_0143", "escalated", "I was charged twice");
    long ticket =
        InboxSeed.ticket(pool, id, "cus_0143", "normal", "customer_request", InboxSeed.now());
    JsonPath item = post(ANA, id, "status", body("status", "resolved"));
    assertEquals("resolved", item.getString("status"));
    assertNull(item.getString("ticketId"));
    assertEquals(
        "resolved",
        Database.rows(pool, "select status from ticket where id = $1", ticket)
            .getFirst()
            .getString("status"));
    assertEquals(
        1,
        Database.count(
            pool,
            "select count(*) from message where conversation_id = $1 and content like"
                + " 'Your ticket #TCK-' || $2 || ' has been resolved%'",
            id,
            String.valueOf(ticket)));
  }

  @Test
  void searchFindsConversationsByAWordOfTheTranscriptAndTheViewsAreCounted() {
    String word = InboxSeed.uniqueWord();
    UUID mine = InboxSeed.conversation(pool, "cus_0144", "escalated", "The " + word + " broke");
    UUID other = InboxSeed.conversation(pool, "cus_0145", "escalated", "Still waiting");
    InboxSeed.message(
        pool, other, "assistant", "support", "Your " + word + " is on its way", InboxSeed.now());
    InboxSeed.conversation(pool, "cus_0146", "escalated", "Nothing to do with it");
    post(ANA, mine, "assignee", body("agent", ANA));
    post(ANA, other, "status", body("status", "pending"));

    JsonPath all = get(ANA, INBOX + "?status=all&q=" + word);
    assertEquals(
        List.of(mine.toString(), other.toString()).stream().sorted().toList(),
        all.getList("conversations.id", String.class).stream().sorted().toList());
    assertEquals(
        Map.of("open", 1, "pending", 1, "snoozed", 0, "resolved", 0, "all", 2),
        all.getMap("statuses"));
    assertEquals(Map.of("me", 1, "unassigned", 1, "others", 0, "all", 2), all.getMap("assignees"));

    // the open view, as Ben: Ana's conversation is someone else's
    JsonPath open = get(BEN, INBOX + "?q=" + word);
    assertEquals(List.of(mine.toString()), open.getList("conversations.id", String.class));
    assertEquals(Map.of("me", 0, "unassigned", 0, "others", 1, "all", 1), open.getMap("assignees"));
    assertEquals(
        List.of(),
        get(BEN, INBOX + "?assignee=me&q=" + word).getList("conversations.id", String.class));
  }

  @Test
  void badFiltersAndChangesAreRefusedWithAReason() {
    UUID id = InboxSeed.conversation(pool, "cus_0147", "escalated", "Hello");
    Inquiries.asAgent(ANA)
        .get(INBOX + "?status=lost")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"));
    Inquiries.asAgent(ANA).get(INBOX + "?assignee=boss").then().statusCode(400);
    Inquiries.asAgent(ANA).get(INBOX + "?reason=bored").then().statusCode(400);
    Inquiries.asAgent(ANA)
        .contentType(ContentType.JSON)
        .body(Map.of("status", "snoozed"))
        .post(INBOX + "/" + id + "/status")
        .then()
        .statusCode(400);
    Inquiries.asAgent(ANA)
        .contentType(ContentType.JSON)
        .body(Map.of("agent", "not an agent id"))
        .post(INBOX + "/" + id + "/assignee")
        .then()
        .statusCode(400);
    Inquiries.asAgent(ANA)
        .contentType(ContentType.JSON)
        .body(Map.of("agent", ANA))
        .post(INBOX + "/" + UUID.randomUUID() + "/assignee")
        .then()
        .statusCode(404);
    Inquiries.as("cus_0147").get(INBOX).then().statusCode(403);
    assertNull(assignee(id));
  }

  private String assignee(UUID id) {
    return Database.rows(pool, "select assignee from conversation where id = $1", id)
        .getFirst()
        .getString("assignee");
  }

  private static JsonObject updated(SocketClient console, UUID id) {
    return console.next(
        m ->
            "conversation_updated".equals(m.getString("type"))
                && id.toString().equals(m.getString("conversationId")),
        Duration.ofSeconds(20));
  }

  private static java.time.Instant instant(JsonPath item, String field) {
    return OffsetDateTime.parse(item.getString(field)).toInstant();
  }

  @Test
  void labelsAreAddedFilteredOnCountedAndTakenOffWithEveryChangeOnTheFeed() {
    String word = InboxSeed.uniqueWord();
    String label = "lbl-" + word.substring(2, 8);
    UUID tagged = InboxSeed.conversation(pool, "cus_0147", "escalated", "Slow " + word);
    UUID other = InboxSeed.conversation(pool, "cus_0147", "escalated", "Fast " + word);
    try (SocketClient console = SocketClient.connect(base, "/ws/console", TestTokens.agent(BEN))) {
      JsonPath item = post(ANA, tagged, "labels", body("label", " " + label.toUpperCase() + " "));
      assertEquals(List.of(label), item.getList("labels"));
      // the same label again changes nothing
      post(ANA, tagged, "labels", body("label", label));
      JsonObject event =
          console.next(
              e ->
                  "conversation_updated".equals(e.getString("type")) && e.containsKey("labelAdded"),
              Duration.ofSeconds(10));
      assertEquals(label, event.getString("labelAdded"));
      assertEquals(tagged.toString(), event.getString("conversationId"));
    }

    List<String> ids =
        get(ANA, INBOX + "?status=all&q=" + word + "&label=" + label).getList("conversations.id");
    assertEquals(List.of(tagged.toString()), ids, "only the labelled one: " + other);
    assertEquals(1, get(ANA, INBOX + "/labels").getInt("'" + label + "'"));

    Inquiries.asAgent(ANA)
        .contentType(ContentType.JSON)
        .body(body("label", "no spaces allowed"))
        .post(INBOX + "/" + tagged + "/labels")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"))
        .body(
            "message",
            equalTo(
                "label must be 1-30 characters of a-z, 0-9, - and _, starting with a letter or"
                    + " digit"));

    JsonPath removed =
        Inquiries.asAgent(ANA)
            .delete(INBOX + "/" + tagged + "/labels/" + label)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(List.of(), removed.getList("labels"));
    assertEquals(
        List.of(),
        get(ANA, INBOX + "?status=all&q=" + word + "&label=" + label).getList("conversations"));
  }

  @Test
  void theInboxFiltersOnTheCustomersLanguageAndAConversationWithoutOneIsEnglish() {
    String word = InboxSeed.uniqueWord();
    UUID french = InboxSeed.conversation(pool, "cus_0153", "escalated", "Bonjour " + word);
    Database.rows(
        pool, "update conversation set language = 'fr' where id = $1 returning id", french);
    UUID english = InboxSeed.conversation(pool, "cus_0153", "escalated", "Hello " + word);

    JsonPath fr = get(ANA, INBOX + "?status=all&q=" + word + "&language=fr");
    assertEquals(List.of(french.toString()), fr.getList("conversations.id"));
    assertEquals("fr", fr.getString("conversations[0].language"));
    assertEquals(
        List.of(english.toString()),
        get(ANA, INBOX + "?status=all&q=" + word + "&language=en").getList("conversations.id"));
    Inquiries.asAgent(ANA)
        .get(INBOX + "?language=french")
        .then()
        .statusCode(400)
        .body("message", equalTo("language must be a two-letter ISO 639-1 code, e.g. fr"));
  }
}
