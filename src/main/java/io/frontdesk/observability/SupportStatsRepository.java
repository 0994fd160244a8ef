package io.frontdesk.observability;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The support KPIs' counts over the conversation, message and ticket tables for a window [since,
 * until), read with the reactive SQL client (aggregates over several features' rows).
 */
@ApplicationScoped
public class SupportStatsRepository {

  /** Customer turns that began in the window, and those the bot answered itself. */
  record Turns(long turns, long automated) {}

  /**
   * Conversations that began in the window: resolved, answered, and the mean seconds from the
   * customer's first message to the first answer.
   */
  record Conversations(
      long conversations, long resolved, long answered, double firstResponseSeconds) {}

  /** Tokens of the window's conversations: what was sent to the model and what it wrote. */
  record Tokens(long input, long output) {}

  // a customer turn (not a system note) and how it ended: the turn's last stored answer tells —
  // the ticket notice (escalation), the approval notice, a guard's refusal, a human's, or the bot's
  private static final String TURNS =
      """
      with turns as (
        select u.turn_id,
               (select a.agent from message a
                 where a.conversation_id = u.conversation_id and a.turn_id = u.turn_id
                   and a.role = 'assistant' order by a.id desc limit 1) as answered_by
          from message u
         where u.role = 'user' and u.agent is null and u.created_at >= $1 and u.created_at < $2)
      select count(*) as turns,
             count(*) filter (where answered_by is not null
                                and answered_by not in ('escalation', 'approval', 'guard')
                                and answered_by not like 'human:%') as automated
        from turns
      """;

  private static final String CONVERSATIONS =
      """
      with convs as (
        select c.id, c.status,
               (select min(u.created_at) from message u
                 where u.conversation_id = c.id and u.role = 'user' and u.agent is null) as asked,
               (select min(a.created_at) from message a
                 where a.conversation_id = c.id and a.role = 'assistant'
                   and coalesce(a.content, '') <> ''
                   and a.created_at >= (select min(u.created_at) from message u
                     where u.conversation_id = c.id and u.role = 'user' and u.agent is null))
                 as answered
          from conversation c
         where c.created_at >= $1 and c.created_at < $2)
      select count(*) as conversations,
             count(*) filter (where status = 'resolved') as resolved,
             count(answered) as answered,
             coalesce(avg(extract(epoch from answered - asked)), 0) as first_response
        from convs
      """;

  private static final String TOKENS =
      """
      select coalesce(sum(m.token_count) filter (where m.role <> 'assistant'), 0) as input,
             coalesce(sum(m.token_count) filter (where m.role = 'assistant'), 0) as output
        from message m join conversation c on c.id = m.conversation_id
       where c.created_at >= $1 and c.created_at < $2
      """;

  private static final String ESCALATIONS =
      "select reason, count(*) as n from ticket where created_at >= $1 and created_at < $2 group"
          + " by reason order by reason";

  private final Pool pool;

  SupportStatsRepository(Pool pool) {
    this.pool = pool;
  }

  Uni<Turns> turns(OffsetDateTime since, OffsetDateTime until) {
    return one(TURNS, since, until).map(r -> new Turns(r.getLong("turns"), r.getLong("automated")));
  }

  Uni<Conversations> conversations(OffsetDateTime since, OffsetDateTime until) {
    return one(CONVERSATIONS, since, until)
        .map(
            r ->
                new Conversations(
                    r.getLong("conversations"),
                    r.getLong("resolved"),
                    r.getLong("answered"),
                    r.getNumeric("first_response").doubleValue()));
  }

  Uni<Tokens> tokens(OffsetDateTime since, OffsetDateTime until) {
    return one(TOKENS, since, until).map(r -> new Tokens(r.getLong("input"), r.getLong("output")));
  }

  /** Tickets opened in the window by escalation reason, in the reasons' order. */
  Uni<Map<String, Long>> escalationsByReason(OffsetDateTime since, OffsetDateTime until) {
    return pool.preparedQuery(ESCALATIONS)
        .execute(Tuple.of(since, until))
        .map(
            rows -> {
              Map<String, Long> out = new LinkedHashMap<>();
              rows.forEach(r -> out.put(r.getString("reason"), r.getLong("n")));
              return out;
            });
  }

  private Uni<Row> one(String sql, OffsetDateTime since, OffsetDateTime until) {
    return pool.preparedQuery(sql).execute(Tuple.of(since, until)).map(Rows::first);
  }
}
