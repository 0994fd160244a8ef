package io.frontdesk.observability;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The support KPIs' counts over the conversation, message, ticket, rating and model-usage tables
 * for a window [since, until), read with the reactive SQL client (aggregates over several features'
 * rows).
 */
@ApplicationScoped
public class SupportStatsRepository {

  /** Customer turns that began in the window, and those the bot answered itself. */
  record Turns(long turns, long automated) {}

  /**
   * Conversations of one tier that began in the window: resolved with nothing open, answered, the
   * summed seconds from the customer's first message to the first answer, reopened at least once,
   * and resolved at least once (resolved now, or reopened since).
   */
  record Conversations(
      String tier,
      long conversations,
      long resolved,
      long answered,
      double firstResponseSeconds,
      long reopened,
      long everResolved) {}

  /** The customers' ratings of the window's conversations: how many, their sum, 4 and 5 stars. */
  record Ratings(long count, long sum, long satisfied) {}

  /** Tokens the window's turns used on one model, as reported by the provider or estimated. */
  record Usage(String model, boolean reported, long input, long output) {}

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

  // resolved = nothing open: an agent's inbox status while it holds (until the customer writes
  // again), else the turn's state; never while a ticket is open or a person holds it
  private static final String CONVERSATIONS =
      """
      with convs as (
        select c.id, coalesce(cu.tier, 'unknown') as tier, c.reopened,
               (case when c.inbox_status is not null and not exists (
                        select 1 from message n where n.conversation_id = c.id and n.role = 'user'
                           and n.agent is null and n.created_at > c.inbox_status_at)
                     then c.inbox_status = 'resolved'
                     else c.status in ('resolved', 'closed') end
                and c.taken_over_by is null
                and not exists (select 1 from ticket t where t.conversation_id = c.id
                                  and t.status in ('open', 'in_progress'))) as resolved,
               (select min(u.created_at) from message u
                 where u.conversation_id = c.id and u.role = 'user' and u.agent is null) as asked,
               (select min(a.created_at) from message a
                 where a.conversation_id = c.id and a.role = 'assistant'
                   and coalesce(a.content, '') <> ''
                   and a.created_at >= (select min(u.created_at) from message u
                     where u.conversation_id = c.id and u.role = 'user' and u.agent is null))
                 as answered
          from conversation c left join customer cu on cu.id = c.customer_id
         where c.created_at >= $1 and c.created_at < $2)
      select tier,
             count(*) as conversations,
             count(*) filter (where resolved) as resolved,
             count(answered) as answered,
             coalesce(sum(extract(epoch from answered - asked)), 0) as first_response,
             count(*) filter (where reopened > 0) as reopened,
             count(*) filter (where resolved or reopened > 0) as ever_resolved
        from convs group by tier order by tier
      """;

  private static final String RATINGS =
      """
      select count(*) as n, coalesce(sum(r.score), 0) as total,
             count(*) filter (where r.score >= 4) as satisfied
        from conversation_rating r join conversation c on c.id = r.conversation_id
       where c.created_at >= $1 and c.created_at < $2
      """;

  private static final String USAGE =
      """
      select u.model, u.reported, sum(u.input_tokens) as input, sum(u.output_tokens) as output
        from model_usage u join conversation c on c.id = u.conversation_id
       where c.created_at >= $1 and c.created_at < $2
       group by u.model, u.reported order by u.model, u.reported
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

  /** One row per customer tier. */
  Uni<List<Conversations>> conversations(OffsetDateTime since, OffsetDateTime until) {
    return all(
        CONVERSATIONS,
        since,
        until,
        r ->
            new Conversations(
                r.getString("tier"),
                r.getLong("conversations"),
                r.getLong("resolved"),
                r.getLong("answered"),
                r.getNumeric("first_response").doubleValue(),
                r.getLong("reopened"),
                r.getLong("ever_resolved")));
  }

  Uni<Ratings> ratings(OffsetDateTime since, OffsetDateTime until) {
    return one(RATINGS, since, until)
        .map(r -> new Ratings(r.getLong("n"), r.getLong("total"), r.getLong("satisfied")));
  }

  Uni<List<Usage>> usage(OffsetDateTime since, OffsetDateTime until) {
    return all(
        USAGE,
        since,
        until,
        r ->
            new Usage(
                r.getString("model"),
                r.getBoolean("reported"),
                r.getLong("input"),
                r.getLong("output")));
  }

  /** Tickets opened in the window by escalation reason, in the reasons' order. */
  Uni<Map<String, Long>> escalationsByReason(OffsetDateTime since, OffsetDateTime until) {
    return all(ESCALATIONS, since, until, r -> Map.entry(r.getString("reason"), r.getLong("n")))
        .map(
            entries -> {
              Map<String, Long> out = new LinkedHashMap<>();
              entries.forEach(e -> out.put(e.getKey(), e.getValue()));
              return out;
            });
  }

  private Uni<Row> one(String sql, OffsetDateTime since, OffsetDateTime until) {
    return pool.preparedQuery(sql).execute(Tuple.of(since, until)).map(Rows::first);
  }

  private <T> Uni<List<T>> all(
      String sql,
      OffsetDateTime since,
      OffsetDateTime until,
      java.util.function.Function<Row, T> mapper) {
    return pool.preparedQuery(sql)
        .execute(Tuple.of(since, until))
        .map(rows -> Rows.list(rows, mapper));
  }
}
