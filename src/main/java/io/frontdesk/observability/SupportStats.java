package io.frontdesk.observability;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's KPI table computed from the database for a window (DESIGN §6): customer turns and
 * conversations that began in it, tickets opened in it. Definitions are in the README.
 */
@ApplicationScoped
public class SupportStats {

  /** The KPIs of one window. */
  public record Stats(
      OffsetDateTime since,
      OffsetDateTime until,
      long turns,
      long automatedTurns,
      double automationRate,
      long conversations,
      long resolvedConversations,
      double resolutionRate,
      long answeredConversations,
      double averageFirstResponseSeconds,
      long escalations,
      Map<String, Long> escalationsByReason,
      long inputTokens,
      long outputTokens,
      String model,
      String currency,
      boolean priced,
      double cost,
      double costPerResolvedConversation) {}

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
  private final StatsConfig config;

  SupportStats(Pool pool, StatsConfig config) {
    this.pool = pool;
    this.config = config;
  }

  public Uni<Stats> of(OffsetDateTime since, OffsetDateTime until) {
    Tuple window = Tuple.of(since, until);
    Uni<Row> turns = one(TURNS, window);
    Uni<Row> conversations = one(CONVERSATIONS, window);
    Uni<Row> tokens = one(TOKENS, window);
    Uni<Map<String, Long>> escalations =
        pool.preparedQuery(ESCALATIONS)
            .execute(window)
            .map(
                rows -> {
                  Map<String, Long> out = new LinkedHashMap<>();
                  rows.forEach(r -> out.put(r.getString("reason"), r.getLong("n")));
                  return out;
                });
    return Uni.combine()
        .all()
        .unis(turns, conversations, tokens, escalations)
        .with(
            (t, c, k, e) -> {
              long turnCount = t.getLong("turns");
              long automated = t.getLong("automated");
              long convCount = c.getLong("conversations");
              long resolved = c.getLong("resolved");
              long input = k.getLong("input");
              long output = k.getLong("output");
              StatsConfig.Price price = config.prices().get(config.model());
              double cost =
                  price == null
                      ? 0.0
                      : (input * price.inputPerMillion() + output * price.outputPerMillion())
                          / 1_000_000.0;
              return new Stats(
                  since,
                  until,
                  turnCount,
                  automated,
                  ratio(automated, turnCount),
                  convCount,
                  resolved,
                  ratio(resolved, convCount),
                  c.getLong("answered"),
                  c.getNumeric("first_response").doubleValue(),
                  e.values().stream().mapToLong(Long::longValue).sum(),
                  e,
                  input,
                  output,
                  config.model(),
                  config.currency(),
                  price != null,
                  cost,
                  resolved == 0 ? 0.0 : cost / resolved);
            });
  }

  private Uni<Row> one(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> rows.iterator().next());
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
