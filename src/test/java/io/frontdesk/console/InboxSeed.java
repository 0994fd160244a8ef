package io.frontdesk.console;

import io.frontdesk.testing.Database;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Conversations, messages and tickets written straight into the database for the inbox tests. */
final class InboxSeed {

  private InboxSeed() {}

  /** A conversation in the turn's {@code status}, opened by the customer saying {@code text}. */
  static UUID conversation(Pool pool, String customer, String status, String text) {
    UUID id = UUID.randomUUID();
    OffsetDateTime now = now();
    Database.rows(
        pool,
        "insert into conversation (id, customer_id, channel, topology, active_agent, status,"
            + " created_at, updated_at) values ($1, $2, 'websocket', 'single', 'support', $3, $4,"
            + " $4) returning id",
        id,
        customer,
        status,
        now);
    message(pool, id, "user", null, text, now);
    return id;
  }

  /** A message in the transcript, written at {@code at}. */
  static void message(
      Pool pool, UUID conversation, String role, String agent, String text, OffsetDateTime at) {
    Database.rows(
        pool,
        "insert into message (conversation_id, turn_id, role, agent, content, created_at) values"
            + " ($1, $2, $3, $4, $5, $6) returning id",
        conversation,
        UUID.randomUUID(),
        role,
        agent,
        text,
        at);
  }

  /** An open ticket on the conversation, opened at {@code at}; its number. */
  static long ticket(
      Pool pool,
      UUID conversation,
      String customer,
      String priority,
      String reason,
      OffsetDateTime at) {
    return Database.rows(
            pool,
            "insert into ticket (conversation_id, customer_id, status, priority, category, reason,"
                + " summary, confidence, context, created_at, updated_at) values ($1, $2, 'open',"
                + " $3, 'general', $4, 'seeded for the inbox', 0.5, '{}'::jsonb, $5, $5)"
                + " returning id",
            conversation,
            customer,
            priority,
            reason,
            at)
        .getFirst()
        .getLong("id");
  }

  /** The customer's name, as the inbox shows it. */
  static String name(Pool pool, String customer) {
    return Database.rows(pool, "select name from customer where id = $1", customer)
        .getFirst()
        .getString("name");
  }

  /** A customer of the tier. */
  static String customerOf(Pool pool, String tier) {
    return Database.rows(
            pool, "select id from customer where tier = $1 order by id desc limit 1", tier)
        .getFirst()
        .getString("id");
  }

  /** A word no other conversation contains. */
  static String uniqueWord() {
    return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
  }
}
