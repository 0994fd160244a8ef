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

  @Test
  void theNumbersAreTheOnesWorkedOutByHandFromTheSeed() {
    // A: one turn answered by the bot after 2 s -> resolved
    UUID a = conversation("cus_0101", "resolved", 10);
    UUID a1 = UUID.randomUUID();
    message(a, a1, "user", null, 10, 10, 0);
    message(a, a1, "assistant", "support", 30, 10, 2);
    // B: answered after 3 s, then escalated for low confidence (the notice is the last answer)
    UUID b = conversation("cus_0102", "escalated", 20);
    UUID b1 = UUID.randomUUID();
    message(b, b1, "user", null, 20, 20, 0);
    message(b, b1, "assistant", "support", 40, 20, 3);
    message(b, b1, "assistant", "escalation", 10, 20, 4);
    ticket(b, "cus_0102", "open", "low_confidence", 20);
    // C: turn 1 answered after 1 s; turn 2 escalated at the customer's request; a human resolved it
    UUID c = conversation("cus_0103", "resolved", 30);
    UUID c1 = UUID.randomUUID();
    UUID c2 = UUID.randomUUID();
    message(c, c1, "user", null, 10, 30, 0);
    message(c, c1, "assistant", "support", 20, 30, 1);
    message(c, c2, "user", null, 15, 31, 0);
    message(c, c2, "assistant", "escalation", 10, 31, 6);
    ticket(c, "cus_0103", "resolved", "customer_request", 31);
    // D: waits for an approval; the approval notice came after 2 s
    UUID d = conversation("cus_0104", "awaiting_approval", 40);
    UUID d1 = UUID.randomUUID();
    message(d, d1, "user", null, 5, 40, 0);
    message(d, d1, "assistant", "approval", 10, 40, 2);
    // E: the answer could not be stored: no response at all
    UUID e = conversation("cus_0105", "open", 50);
    message(e, UUID.randomUUID(), "user", null, 8, 50, 0);
    // outside the window (the next day): must not count
    UUID late = conversation("cus_0106", "resolved", 24 * 60 + 5);
    UUID late1 = UUID.randomUUID();
    message(late, late1, "user", null, 1000, 24 * 60 + 5, 0);
    message(late, late1, "assistant", "support", 1000, 24 * 60 + 5, 9);

    JsonPath stats =
        Inquiries.asAdmin()
            .queryParam("since", day.toString())
            .queryParam("until", day.plusDays(1).toString())
            .get("/api/v1/admin/stats")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    // turns: A1, B1, C1, C2, D1, E1 = 6; the bot alone answered A1 and C1 = 2
    assertEquals(6, stats.getLong("turns"));
    assertEquals(2, stats.getLong("automatedTurns"));
    assertEquals(2.0 / 6, stats.getDouble("automationRate"), 1e-6);
    // conversations A..E = 5; resolved A (bot) and C (human) = 2
    assertEquals(5, stats.getLong("conversations"));
    assertEquals(2, stats.getLong("resolvedConversations"));
    assertEquals(0.4, stats.getDouble("resolutionRate"), 1e-6);
    // first responses A 2 s, B 3 s, C 1 s, D 2 s (E none): 8 / 4 = 2.0 s
    assertEquals(4, stats.getLong("answeredConversations"));
    assertEquals(2.0, stats.getDouble("averageFirstResponseSeconds"), 1e-6);
    assertEquals(2, stats.getLong("escalations"));
    assertEquals(
        Map.of("customer_request", 1, "low_confidence", 1), stats.getMap("escalationsByReason"));
    // tokens: in 10+20+10+15+5+8 = 68, out 30+40+10+20+10+10 = 120
    assertEquals(68, stats.getLong("inputTokens"));
    assertEquals(120, stats.getLong("outputTokens"));
    // gpt-4o-mini: 68 x 0.15 + 120 x 0.60 = 82.2 per million tokens -> 0.0000822; / 2 resolved
    assertEquals("gpt-4o-mini", stats.getString("model"));
    assertTrue(stats.getBoolean("priced"));
    assertEquals(0.0000822, stats.getDouble("cost"), 1e-12);
    assertEquals(0.0000411, stats.getDouble("costPerResolvedConversation"), 1e-12);
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
