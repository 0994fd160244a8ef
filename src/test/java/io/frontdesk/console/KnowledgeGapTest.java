package io.frontdesk.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Database;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Knowledge gaps end to end: escalations about something the help centre lacks form one topic, an
 * admin publishes the drafted article, and the next customer with that question is answered from it
 * by the offline model.
 */
@QuarkusTest
class KnowledgeGapTest {

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  // a window no other test writes to, inside the 30 days retention keeps
  private final OffsetDateTime day =
      OffsetDateTime.now(ZoneOffset.UTC).minusDays(26).truncatedTo(ChronoUnit.DAYS);

  private static final List<String> RENEWABLES =
      List.of(
          "Are your data centres powered by renewable energy?",
          "Is Skyline hosting green? Do you use renewable electricity for the servers?",
          "What share of your data centre power comes from renewables?",
          "Do your servers run on clean energy like solar or wind?");

  private void escalated(String customer, String message, int minute) {
    UUID id = UUID.randomUUID();
    OffsetDateTime at = day.plusMinutes(minute);
    Database.rows(
        pool,
        "insert into conversation (id, customer_id, channel, topology, active_agent, status,"
            + " created_at, updated_at) values ($1, $2, 'rest', 'single', 'support', 'escalated',"
            + " $3, $3) returning id",
        id,
        customer,
        at);
    InboxSeed.message(pool, id, "user", null, message, at);
    InboxSeed.message(
        pool, id, "assistant", "escalation", "A person will answer.", at.plusSeconds(2));
    InboxSeed.ticket(pool, id, customer, "normal", "low_confidence", at.plusSeconds(2));
  }

  @Test
  void escalationsAboutAMissingTopicBecomeOneDraftThatAnswersTheNextCustomerOncePublished() {
    for (int i = 0; i < RENEWABLES.size(); i++) {
      escalated("cus_020" + (i + 2), RENEWABLES.get(i), 10 * i);
    }
    escalated("cus_0206", "Why was I charged twice this month?", 50);
    escalated("cus_0206", "My worker keeps crashing with exit code 137", 60);

    JsonPath gaps =
        Inquiries.asAdmin()
            .queryParam("since", day.toString())
            .queryParam("until", day.plusDays(1).toString())
            .get("/api/v1/admin/knowledge-gaps")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertEquals(1, gaps.getList("").size(), "one topic; the two lone questions are noise");
    assertEquals(4, gaps.getInt("[0].escalations"));
    List<String> examples = gaps.getList("[0].examples");
    assertTrue(examples.containsAll(RENEWABLES), examples.toString());
    assertEquals(4, gaps.getList("[0].tickets").size());
    Map<String, String> draft = gaps.getMap("[0].draft");
    assertTrue(draft.get("body").contains("- " + RENEWABLES.get(0)), draft.get("body"));

    // the admin completes the draft and publishes it with the knowledge admin API
    String body =
        draft
            .get("body")
            .replace(
                "Write the answer here: yes or no first, then the steps.",
                "Yes. Every Skyline region runs on 100 % renewable electricity from wind and"
                    + " solar contracts, matched every hour.");
    String article =
        Inquiries.asAdmin()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "group",
                    draft.get("group"),
                    "title",
                    "Are Skyline's data centres powered by renewable energy?",
                    "tags",
                    "renewable energy, green hosting, clean energy, sustainability",
                    "body",
                    body))
            .post("/api/v1/admin/knowledge/articles")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try {
      // the model endpoint fails: the offline model answers
      model.reset();
      model.failNext(3, 500);
      JsonPath answer = Inquiries.ask("cus_0205", RENEWABLES.get(0));
      assertFalse(answer.getBoolean("escalated"), answer.prettify());
      assertTrue(
          answer.getString("response").contains("100 % renewable electricity"), answer.prettify());
    } finally {
      Inquiries.asAdmin().delete("/api/v1/admin/knowledge/articles/" + article);
      model.reset();
    }
  }

  @Test
  void knowledgeGapsAreForAdminsOnly() {
    Inquiries.asAgent("agt_gaps").get("/api/v1/admin/knowledge-gaps").then().statusCode(403);
    Inquiries.asAdmin()
        .queryParam("since", "last week")
        .get("/api/v1/admin/knowledge-gaps")
        .then()
        .statusCode(400);
  }
}
