package io.frontdesk.observability;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The seed's KPI table computed from the database for a window (DESIGN §6): customer turns and
 * conversations that began in it, tickets opened in it. Definitions are in docs/console.md.
 */
@ApplicationScoped
public class SupportStats {

  /** How the cost was found: no model call (offline), the provider's counts, estimates, or both. */
  public enum CostBasis {
    NONE,
    REPORTED,
    ESTIMATED,
    MIXED
  }

  /** One customer tier's conversations: how many, resolved, answered and how fast. */
  public record Tier(
      String tier,
      long conversations,
      long resolvedConversations,
      long answeredConversations,
      double averageFirstResponseSeconds) {}

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
      List<Tier> tiers,
      long ratings,
      double csatAverage,
      double csatRate,
      long reopenedConversations,
      double reopenRate,
      long escalations,
      Map<String, Long> escalationsByReason,
      long inputTokens,
      long outputTokens,
      List<String> models,
      CostBasis costBasis,
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
            repository.ratings(since, until),
            repository.usage(since, until),
            repository.escalationsByReason(since, until))
        .with((t, c, r, u, e) -> stats(since, until, t, c, r, u, e));
  }

  private Stats stats(
      OffsetDateTime since,
      OffsetDateTime until,
      SupportStatsRepository.Turns t,
      List<SupportStatsRepository.Conversations> byTier,
      SupportStatsRepository.Ratings r,
      List<SupportStatsRepository.Usage> usage,
      Map<String, Long> escalations) {
    long conversations = byTier.stream().mapToLong(c -> c.conversations()).sum();
    long resolved = byTier.stream().mapToLong(c -> c.resolved()).sum();
    long answered = byTier.stream().mapToLong(c -> c.answered()).sum();
    double seconds = byTier.stream().mapToDouble(c -> c.firstResponseSeconds()).sum();
    long reopened = byTier.stream().mapToLong(c -> c.reopened()).sum();
    long everResolved = byTier.stream().mapToLong(c -> c.everResolved()).sum();
    Cost cost = cost(usage);
    return new Stats(
        since,
        until,
        t.turns(),
        t.automated(),
        ratio(t.automated(), t.turns()),
        conversations,
        resolved,
        ratio(resolved, conversations),
        answered,
        answered == 0 ? 0.0 : seconds / answered,
        byTier.stream().map(SupportStats::tier).toList(),
        r.count(),
        r.count() == 0 ? 0.0 : (double) r.sum() / r.count(),
        ratio(r.satisfied(), r.count()),
        reopened,
        ratio(reopened, everResolved),
        escalations.values().stream().mapToLong(Long::longValue).sum(),
        escalations,
        usage.stream().mapToLong(SupportStatsRepository.Usage::input).sum(),
        usage.stream().mapToLong(SupportStatsRepository.Usage::output).sum(),
        usage.stream().map(SupportStatsRepository.Usage::model).distinct().sorted().toList(),
        basis(usage),
        config.currency(),
        cost.priced(),
        cost.amount(),
        resolved == 0 ? 0.0 : cost.amount() / resolved);
  }

  private static Tier tier(SupportStatsRepository.Conversations c) {
    return new Tier(
        c.tier(),
        c.conversations(),
        c.resolved(),
        c.answered(),
        c.answered() == 0 ? 0.0 : c.firstResponseSeconds() / c.answered());
  }

  private record Cost(double amount, boolean priced) {}

  /** Each model's tokens at its price; a model without one makes the total "not priced". */
  private Cost cost(List<SupportStatsRepository.Usage> usage) {
    double amount = 0;
    boolean priced = true;
    for (SupportStatsRepository.Usage u : usage) {
      StatsConfig.Price price = price(u.model());
      if (price == null) {
        priced = false;
        continue;
      }
      amount += (u.input() * price.inputPerMillion() + u.output() * price.outputPerMillion()) / 1e6;
    }
    return new Cost(amount, priced);
  }

  /**
   * A model's price: by its name, or the longest configured name it starts with (providers report
   * dated versions, e.g. gpt-4o-mini-2024-07-18); a response that named no model is priced as the
   * configured model.
   */
  StatsConfig.Price price(String model) {
    Map<String, StatsConfig.Price> prices = config.prices();
    // conversation.ModelUsage stores "unnamed" for a response that named no model
    String name = "unnamed".equals(model) ? config.model() : model;
    StatsConfig.Price exact = prices.get(name);
    if (exact != null) {
      return exact;
    }
    return prices.keySet().stream()
        .filter(name::startsWith)
        .max(Comparator.comparingInt(String::length))
        .map(prices::get)
        .orElse(null);
  }

  private static CostBasis basis(List<SupportStatsRepository.Usage> usage) {
    boolean reported = usage.stream().anyMatch(SupportStatsRepository.Usage::reported);
    boolean estimated = usage.stream().anyMatch(u -> !u.reported());
    if (reported && estimated) {
      return CostBasis.MIXED;
    }
    return reported ? CostBasis.REPORTED : estimated ? CostBasis.ESTIMATED : CostBasis.NONE;
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
