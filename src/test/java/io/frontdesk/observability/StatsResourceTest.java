package io.frontdesk.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Inquiries;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The KPI endpoint against a seeded day of five conversations, with every expected figure worked
 * out by hand from the seed (comments below), in a window no other test writes to.
 */
@QuarkusTest
class StatsResourceTest {

  @Inject Pool pool;

  private final OffsetDateTime day =
      OffsetDateTime.now(ZoneOffset.UTC).minusDays(20).truncatedTo(ChronoUnit.DAYS);

  private UUID conversation(String customer, String status, int minute) {
    UUID id = UUID.randomUUID();
    sql(
        "insert into conversation (id, customer_id, channel, topology, active_agent, status,"
            + " created_at, updated_at) values ($1, $2, 'websocket', 'single', 'support', $3, $4,"
            + " $4)",
        id,
        customer,
        status,
        day.plusMinutes(minute));
    return id;
  }

  private void message(
      UUID conversation, UUID turn, String role, String agent, int tokens, int minute, int second) {
    sql(
        "insert into message (conversation_id, turn_id, role, agent, content, token_count,"
            + " created_at) values ($1, $2, $3, $4, $5, $6, $7)",
        conversation,
        turn,
        role,
        agent,
        role + " text",
        tokens,
        day.plusMinutes(minute).plusSeconds(second));
  }

  private void ticket(
      UUID conversation, String customer, String status, String reason, int minute) {
    sql(
        "insert into ticket (conversation_id, customer_id, status, priority, category, reason,"
            + " summary, confidence, context, created_at, updated_at) values ($1, $2, $3,"
            + " 'normal', 'billing', $4, 'seeded', 0.3, '{}'::jsonb, $5, $5)",
        conversation,
        customer,
        status,
        reason,
        day.plusMinutes(minute));
  }

  private void sql(String sql, Object... args) {
    pool.preparedQuery(sql)
        .execute(Tuple.from(Arrays.asList(args)))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  private void usage(UUID conversation, String model, int in, int out, boolean reported) {
    sql(
        "insert into model_usage (turn_id, conversation_id, model, input_tokens, output_tokens,"
            + " reported, created_at) values ($1, $2, $3, $4, $5, $6, $7)",
        UUID.randomUUID(),
        conversation,
        model,
        in,
        out,
        reported,
        day.plusHours(2));
  }

  private void rating(UUID conversation, String customer, int score) {
    sql(
        "insert into conversation_rating (conversation_id, customer_id, score, comment,"
            + " created_at) values ($1, $2, $3, 'seeded', $4)",
        conversation,
        customer,
        (short) score,
        day.plusHours(3));
  }

  /** A conversation whose one turn the bot answered after {@code seconds}. */
  private UUID answered(String customer, String status, int minute, int seconds) {
    UUID id = conversation(customer, status, minute);
    UUID turn = UUID.randomUUID();
    message(id, turn, "user", null, 10, minute, 0);
    message(id, turn, "assistant", "support", 10, minute, seconds);
    return id;
  }

  @Test
  void theNumbersAreTheOnesWorkedOutByHandFromTheSeed() {
    // tiers by the demo's customer ids: ending 1-5 free, 6-8 pro, 9 and 0 enterprise
    // A (free): answered by the bot after 2 s, resolved; the provider reported its usage
    UUID a = answered("cus_0101", "resolved", 10, 2);
    usage(a, "gpt-4o-mini-2024-07-18", 1000, 200, true);
    // B (pro): answered after 3 s, then escalated for low confidence; its ticket is open
    UUID b = conversation("cus_0106", "escalated", 20);
    UUID b1 = UUID.randomUUID();
    message(b, b1, "user", null, 20, 20, 0);
    message(b, b1, "assistant", "support", 40, 20, 3);
    message(b, b1, "assistant", "escalation", 10, 20, 4);
    ticket(b, "cus_0106", "open", "low_confidence", 20);
    usage(b, "gpt-4o-mini", 500, 100, true);
    // C (enterprise): turn 1 answered after 1 s; turn 2 escalated at the customer's request; a
    // person resolved it; rated 5; an endpoint that reported no usage (estimated, named no model)
    UUID c = conversation("cus_0109", "resolved", 30);
    UUID c1 = UUID.randomUUID();
    UUID c2 = UUID.randomUUID();
    message(c, c1, "user", null, 10, 30, 0);
    message(c, c1, "assistant", "support", 20, 30, 1);
    message(c, c2, "user", null, 15, 31, 0);
    message(c, c2, "assistant", "escalation", 10, 31, 6);
    ticket(c, "cus_0109", "resolved", "customer_request", 31);
    rating(c, "cus_0109", 5);
    usage(c, "unnamed", 300, 50, false);
    // D (free): waits for an approval; the approval notice came after 2 s; the offline model
    // answered (no usage row)
    UUID d = conversation("cus_0104", "awaiting_approval", 40);
    UUID d1 = UUID.randomUUID();
    message(d, d1, "user", null, 5, 40, 0);
    message(d, d1, "assistant", "approval", 10, 40, 2);
    // E (pro): the answer could not be stored: no response at all
    UUID e = conversation("cus_0107", "open", 50);
    message(e, UUID.randomUUID(), "user", null, 8, 50, 0);
    // F (free): answered after 4 s, resolved by a person once, reopened, resolved again; rated 2
    UUID f = answered("cus_0102", "resolved", 60, 4);
    sql("update conversation set reopened = 1, reopened_at = $2 where id = $1", f, day);
    rating(f, "cus_0102", 2);
    // G (free): answered after 6 s, "resolved" by the bot while its ticket is still being worked
    UUID g = answered("cus_0103", "resolved", 70, 6);
    ticket(g, "cus_0103", "in_progress", "low_confidence", 70);
    // outside the window (the next day): must not count
    UUID late = answered("cus_0108", "resolved", 24 * 60 + 5, 9);
    usage(late, "gpt-4o", 100_000, 100_000, true);
    rating(late, "cus_0108", 1);

    JsonPath stats =
        Inquiries.asAdmin()
            .queryParam("since", day.toString())
            .queryParam("until", day.plusDays(1).toString())
            .get("/api/v1/admin/stats")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    // turns: A1, B1, C1, C2, D1, E1, F1, G1 = 8; the bot alone answered A1, C1, F1, G1 = 4
    assertEquals(8, stats.getLong("turns"));
    assertEquals(4, stats.getLong("automatedTurns"));
    assertEquals(0.5, stats.getDouble("automationRate"), 1e-6);
    // conversations A..G = 7; resolved with nothing open: A, C, F (not G: its ticket is open)
    assertEquals(7, stats.getLong("conversations"));
    assertEquals(3, stats.getLong("resolvedConversations"));
    assertEquals(3.0 / 7, stats.getDouble("resolutionRate"), 1e-6);
    // first responses A 2, B 3, C 1, D 2, F 4, G 6 s (E none): 18 / 6 = 3.0 s
    assertEquals(6, stats.getLong("answeredConversations"));
    assertEquals(3.0, stats.getDouble("averageFirstResponseSeconds"), 1e-6);
    // per tier, by name: enterprise C (1 s); free A, D, F, G (2+2+4+6 = 14 / 4); pro B (3 s), E
    assertEquals(List.of("enterprise", "free", "pro"), stats.getList("tiers.tier"));
    assertEquals(List.of(1, 4, 2), stats.getList("tiers.conversations"));
    assertEquals(List.of(1, 2, 0), stats.getList("tiers.resolvedConversations"));
    assertEquals(List.of(1, 4, 1), stats.getList("tiers.answeredConversations"));
    assertEquals(1.0, stats.getDouble("tiers[0].averageFirstResponseSeconds"), 1e-6);
    assertEquals(3.5, stats.getDouble("tiers[1].averageFirstResponseSeconds"), 1e-6);
    assertEquals(3.0, stats.getDouble("tiers[2].averageFirstResponseSeconds"), 1e-6);
    // CSAT: C 5 and F 2 -> 2 ratings, average 3.5, satisfied (4-5) 1 of 2
    assertEquals(2, stats.getLong("ratings"));
    assertEquals(3.5, stats.getDouble("csatAverage"), 1e-6);
    assertEquals(0.5, stats.getDouble("csatRate"), 1e-6);
    // reopened: F of those ever resolved A, C, F
    assertEquals(1, stats.getLong("reopenedConversations"));
    assertEquals(1.0 / 3, stats.getDouble("reopenRate"), 1e-6);
    // tickets opened in the window: B and G low confidence, C customer request
    assertEquals(3, stats.getLong("escalations"));
    assertEquals(
        Map.of("customer_request", 1, "low_confidence", 2), stats.getMap("escalationsByReason"));
    // tokens of the model calls: in 1000 + 500 + 300, out 200 + 100 + 50 (D's offline: none)
    assertEquals(1800, stats.getLong("inputTokens"));
    assertEquals(350, stats.getLong("outputTokens"));
    assertEquals(
        List.of("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "unnamed"), stats.getList("models"));
    assertEquals("MIXED", stats.getString("costBasis"));
    // all at gpt-4o-mini's 0.15 / 0.60 per million (the dated name by its prefix, the unnamed as
    // the configured model): A 150 + 120, B 75 + 60, C 45 + 30 = 480 per million; / 3 resolved
    assertTrue(stats.getBoolean("priced"));
    assertEquals(0.00048, stats.getDouble("cost"), 1e-12);
    assertEquals(0.00016, stats.getDouble("costPerResolvedConversation"), 1e-12);
  }

  @Test
  void aDayAnsweredOnlyByTheOfflineModelCostsNothing() {
    OffsetDateTime quiet = day.minusDays(3);
    UUID id = UUID.randomUUID();
    sql(
        "insert into conversation (id, customer_id, channel, topology, active_agent, status,"
            + " created_at, updated_at) values ($1, 'cus_0111', 'websocket', 'single', 'support',"
            + " 'resolved', $2, $2)",
        id,
        quiet.plusMinutes(5));
    JsonPath stats =
        Inquiries.asAdmin()
            .queryParam("since", quiet.toString())
            .queryParam("until", quiet.plusDays(1).toString())
            .get("/api/v1/admin/stats")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(1, stats.getLong("resolvedConversations"));
    assertEquals("NONE", stats.getString("costBasis"));
    assertEquals(0.0, stats.getDouble("cost"), 0.0);
    assertEquals(List.of(), stats.getList("models"));
  }

  @Test
  void badWindowsAre400AndOnlyAdminsMayRead() {
    Inquiries.asAdmin()
        .queryParam("since", "yesterday")
        .get("/api/v1/admin/stats")
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.equalTo("invalid_request"));
    Inquiries.asAdmin()
        .queryParam("since", "2026-12-02")
        .queryParam("until", "2026-12-01")
        .get("/api/v1/admin/stats")
        .then()
        .statusCode(400);
    Inquiries.asAdmin()
        .queryParam("since", day.toLocalDate().plusDays(18).toString())
        .get("/api/v1/admin/stats")
        .then()
        .statusCode(200);
    Inquiries.asAgent("agt_stats").get("/api/v1/admin/stats").then().statusCode(403);
    Inquiries.as("cus_0101").get("/api/v1/admin/stats").then().statusCode(403);
  }
}
