package io.frontdesk.observability;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
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

  private final SupportStatsRepository repository;
  private final StatsConfig config;

  SupportStats(SupportStatsRepository repository, StatsConfig config) {
    this.repository = repository;
    this.config = config;
  }

  public Uni<Stats> of(OffsetDateTime since, OffsetDateTime until) {
    return Uni.combine()
        .all()
        .unis(
            repository.turns(since, until),
            repository.conversations(since, until),
            repository.tokens(since, until),
            repository.escalationsByReason(since, until))
        .with((t, c, k, e) -> stats(since, until, t, c, k, e));
  }

  private Stats stats(
      OffsetDateTime since,
      OffsetDateTime until,
      SupportStatsRepository.Turns t,
      SupportStatsRepository.Conversations c,
      SupportStatsRepository.Tokens k,
      Map<String, Long> escalations) {
    StatsConfig.Price price = config.prices().get(config.model());
    double cost =
        price == null
            ? 0.0
            : (k.input() * price.inputPerMillion() + k.output() * price.outputPerMillion())
                / 1_000_000.0;
    return new Stats(
        since,
        until,
        t.turns(),
        t.automated(),
        ratio(t.automated(), t.turns()),
        c.conversations(),
        c.resolved(),
        ratio(c.resolved(), c.conversations()),
        c.answered(),
        c.firstResponseSeconds(),
        escalations.values().stream().mapToLong(Long::longValue).sum(),
        escalations,
        k.input(),
        k.output(),
        config.model(),
        config.currency(),
        price != null,
        cost,
        c.resolved() == 0 ? 0.0 : cost / c.resolved());
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
