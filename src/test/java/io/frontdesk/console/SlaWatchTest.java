package io.frontdesk.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A missed SLA target is marked once, announced on the console feed once and counted once. */
@QuarkusTest
class SlaWatchTest {

  @Inject Pool pool;
  @Inject SlaWatch watch;
  @Inject MeterRegistry registry;

  private double breaches(String kind, String tier) {
    return registry.counter("frontdesk.sla.breaches", "kind", kind, "tier", tier).count();
  }

  @Test
  void aTicketPastItsFirstResponseTargetIsABreachOnceAndItsResolutionTargetNotYet() {
    // free tier, normal priority: first response within 8 h, resolution within 72 h
    String customer = "cus_0213";
    OffsetDateTime opened = InboxSeed.now().minusHours(9);
    UUID id = InboxSeed.conversation(pool, customer, "escalated", "My exports stopped");
    long ticket = InboxSeed.ticket(pool, id, customer, "normal", "low_confidence", opened);
    double before = breaches("first_response", "free");

    watch.check(InboxSeed.now()).await().atMost(Duration.ofSeconds(30));
    // a second check (or another replica's) finds it marked
    watch.check(InboxSeed.now()).await().atMost(Duration.ofSeconds(30));

    Row row =
        Database.rows(
                pool,
                "select first_response_breached_at, resolution_breached_at from ticket where id ="
                    + " $1",
                ticket)
            .getFirst();
    assertEquals(
        opened.plusHours(8).toInstant(), row.getOffsetDateTime(0).toInstant(), "when it was due");
    assertNull(row.getOffsetDateTime(1), "72 h have not passed");
    assertEquals(
        1,
        Database.count(
            pool,
            "select count(*) from console_event where type = 'sla_breached' and payload ->>"
                + " 'conversationId' = $1 and payload ->> 'kind' = 'first_response'",
            id.toString()));
    Row event =
        Database.rows(
                pool,
                "select payload from console_event where type = 'sla_breached' and payload ->>"
                    + " 'conversationId' = $1",
                id.toString())
            .getFirst();
    assertEquals(InboxSeed.name(pool, customer), event.getJsonObject(0).getString("customerName"));
    assertEquals("TCK-" + ticket, event.getJsonObject(0).getString("ticketId"));
    assertEquals(before + 1, breaches("first_response", "free"), 1e-9);
  }

  @Test
  void aTicketAPersonAnsweredInTimeOrResolvedIsNoBreach() {
    String customer = "cus_0214";
    OffsetDateTime opened = InboxSeed.now().minusHours(9);
    UUID answered = InboxSeed.conversation(pool, customer, "escalated", "Where is my invoice?");
    long first = InboxSeed.ticket(pool, answered, customer, "normal", "low_confidence", opened);
    InboxSeed.message(
        pool, answered, "assistant", "human:agt_sla", "Here it is.", opened.plusHours(1));
    UUID resolved = InboxSeed.conversation(pool, customer, "resolved", "Cancel my plan");
    long second = InboxSeed.ticket(pool, resolved, customer, "normal", "low_confidence", opened);
    Database.rows(pool, "update ticket set status = 'resolved' where id = $1 returning id", second);

    watch.check(InboxSeed.now()).await().atMost(Duration.ofSeconds(30));

    assertTrue(
        Database.rows(
                    pool,
                    "select 1 from ticket where id in ($1, $2) and first_response_breached_at is null",
                    first,
                    second)
                .size()
            == 2);
  }
}
