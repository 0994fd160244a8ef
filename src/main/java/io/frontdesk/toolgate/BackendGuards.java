package io.frontdesk.toolgate;

import static java.time.temporal.ChronoUnit.MILLIS;
import static java.time.temporal.ChronoUnit.SECONDS;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * The fault-tolerance policy of every backend behind a tool (DESIGN §3.5), defined once: retry 3
 * attempts with backoff 500 ms doubling up to 5 s, a per-attempt timeout from {@code
 * frontdesk.tools.<backend>.timeout-ms}, a bulkhead ({@code max-concurrent} calls at once, {@code
 * queue} more waiting), and a circuit breaker. A {@link ToolRefused} is an answer, not a fault:
 * never retried, never counted. Each backend gets its own guard, so one backend's outage opens only
 * its own breaker. Services mark their calls with {@link Backend @Backend(name)}.
 */
@ApplicationScoped
public class BackendGuards {

  public static final String KNOWLEDGE_BASE = "knowledge-base";
  public static final String BILLING = "billing";
  public static final String TECHNICAL = "technical";
  public static final String ACCOUNTS = "accounts";

  @Produces
  @Singleton
  @Identifier(KNOWLEDGE_BASE)
  Guard knowledgeBase(
      @ConfigProperty(name = "frontdesk.tools.knowledge-base.timeout-ms", defaultValue = "10000")
          long timeoutMs,
      @ConfigProperty(name = "frontdesk.tools.knowledge-base.max-concurrent", defaultValue = "16")
          int maxConcurrent,
      @ConfigProperty(name = "frontdesk.tools.knowledge-base.queue", defaultValue = "2000")
          int queue) {
    return backend(KNOWLEDGE_BASE, timeoutMs, maxConcurrent, queue);
  }

  @Produces
  @Singleton
  @Identifier(BILLING)
  Guard billing(
      @ConfigProperty(name = "frontdesk.tools.billing.timeout-ms", defaultValue = "10000")
          long timeoutMs,
      @ConfigProperty(name = "frontdesk.tools.billing.max-concurrent", defaultValue = "16")
          int maxConcurrent,
      @ConfigProperty(name = "frontdesk.tools.billing.queue", defaultValue = "2000") int queue) {
    return backend(BILLING, timeoutMs, maxConcurrent, queue);
  }

  @Produces
  @Singleton
  @Identifier(TECHNICAL)
  Guard technical(
      @ConfigProperty(name = "frontdesk.tools.technical.timeout-ms", defaultValue = "10000")
          long timeoutMs,
      @ConfigProperty(name = "frontdesk.tools.technical.max-concurrent", defaultValue = "4")
          int maxConcurrent,
      @ConfigProperty(name = "frontdesk.tools.technical.queue", defaultValue = "2000") int queue) {
    return backend(TECHNICAL, timeoutMs, maxConcurrent, queue);
  }

  @Produces
  @Singleton
  @Identifier(ACCOUNTS)
  Guard accounts(
      @ConfigProperty(name = "frontdesk.tools.accounts.timeout-ms", defaultValue = "10000")
          long timeoutMs,
      @ConfigProperty(name = "frontdesk.tools.accounts.max-concurrent", defaultValue = "16")
          int maxConcurrent,
      @ConfigProperty(name = "frontdesk.tools.accounts.queue", defaultValue = "2000") int queue) {
    return backend(ACCOUNTS, timeoutMs, maxConcurrent, queue);
  }

  static Guard backend(String name, long timeoutMs, int maxConcurrent, int queue) {
    return backend(name, timeoutMs, maxConcurrent, queue, () -> {});
  }

  /**
   * One backend's limits: the defaults of DESIGN §3.5 unless an operator's connector file says
   * otherwise (a backend known to be slow, a breaker that should open sooner).
   */
  public record Policy(
      long timeoutMs,
      int maxConcurrent,
      int queue,
      int maxRetries,
      int breakerVolume,
      double breakerRatio,
      long breakerDelayMs) {

    public static Policy defaults(long timeoutMs, int maxConcurrent, int queue) {
      return new Policy(timeoutMs, maxConcurrent, queue, 2, 20, 0.5, 10_000);
    }
  }

  /** A guard with the house policy for a backend declared outside this class (a connector's). */
  public static Guard backend(String name, Policy policy) {
    return backend(name, policy, () -> {});
  }

  /** {@code onAccepted} runs for each call the bulkhead takes, to run at once or to queue. */
  static Guard backend(
      String name, long timeoutMs, int maxConcurrent, int queue, Runnable onAccepted) {
    return backend(name, Policy.defaults(timeoutMs, maxConcurrent, queue), onAccepted);
  }

  private static Guard backend(String name, Policy policy, Runnable onAccepted) {
    return Guard.create()
        .withDescription(name)
        // a bulkhead: this many calls at once per replica; the next waits in a queue of this
        // many (inside the per-attempt timeout), past it is refused (and retried). Without the
        // queue, 64 turns at once against 16 slots turned refusals into tickets.
        .withBulkhead()
        .limit(policy.maxConcurrent())
        .queueSize(policy.queue())
        .enableSynchronousQueueing()
        .onAccepted(onAccepted)
        .done()
        .withRetry()
        .maxRetries(policy.maxRetries())
        .delay(500, MILLIS)
        .maxDuration(30, SECONDS)
        .jitter(0, MILLIS)
        .abortOn(ToolRefused.class)
        .withExponentialBackoff()
        .factor(2)
        .maxDelay(5, SECONDS)
        .done()
        .done()
        .withTimeout()
        .duration(policy.timeoutMs(), MILLIS)
        .done()
        .withCircuitBreaker()
        .name(name)
        .requestVolumeThreshold(policy.breakerVolume())
        .failureRatio(policy.breakerRatio())
        .delay(policy.breakerDelayMs(), MILLIS)
        // a refusal is an answer, and a full bulkhead is this replica's load, not the backend
        // failing: neither may open the circuit (64 turns at once opened it for everyone)
        .skipOn(List.of(ToolRefused.class, BulkheadException.class))
        .done()
        .build();
  }
}
