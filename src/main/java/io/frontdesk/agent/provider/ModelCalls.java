package io.frontdesk.agent.provider;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.frontdesk.observability.SupportMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one layer that retries model calls (the client itself makes one attempt): a per-call timeout,
 * up to max-attempts on 429 / 5xx / an unreachable endpoint with exponential backoff that honours
 * {@code Retry-After}, and the endpoint's circuit breaker. When it gives up, the call fails with
 * {@link ModelUnavailable} and the turn engine answers with the offline model.
 */
@ApplicationScoped
public class ModelCalls {

  private static final Logger LOG = Logger.getLogger(ModelCalls.class);

  private final ModelEndpoints endpoints;
  private final ProviderConfig config;
  private final CallTimer timer;
  private final MeterRegistry registry;
  private final SupportMetrics metrics;

  ModelCalls(
      ModelEndpoints endpoints,
      ProviderConfig config,
      CallTimer timer,
      MeterRegistry registry,
      SupportMetrics metrics) {
    this.endpoints = endpoints;
    this.config = config;
    this.timer = timer;
    this.registry = registry;
    this.metrics = metrics;
  }

  /** Whether failures of the model are answered by the offline model (else they open a ticket). */
  public boolean fallsBackOffline() {
    return config.fallback() == ProviderConfig.Fallback.OFFLINE;
  }

  /**
   * The agent's stream for the named model, guarded. {@code beforeRetry} runs before each further
   * attempt (to take back what the failed attempt put in memory). A failure after answer text
   * reached the customer is not retried (the text would repeat): it fails as it came.
   */
  public Multi<ChatEvent> call(
      String model, Runnable beforeRetry, Supplier<Multi<ChatEvent>> agent) {
    String endpoint = endpoints.endpointOf(model);
    return attempt(model, endpoint, beforeRetry, agent, 1);
  }

  private Multi<ChatEvent> attempt(
      String model,
      String endpoint,
      Runnable beforeRetry,
      Supplier<Multi<ChatEvent>> agent,
      int n) {
    return Multi.createFrom()
        .deferred(
            () -> {
              CircuitBreaker breaker = endpoints.breaker(endpoint);
              if (!breaker.tryAcquire()) {
                count(endpoint, "circuit_open");
                return Multi.createFrom()
                    .failure(
                        new ModelUnavailable(
                            endpoint,
                            new ProviderFailure(
                                ProviderFailure.Kind.CIRCUIT_OPEN, null, breaker.remainingOpen()),
                            null));
              }
              AtomicBoolean answered = new AtomicBoolean();
              AtomicBoolean spoke = new AtomicBoolean();
              return new IdleWatch(timer, config.callTimeout(), endpoint)
                  .watch(agent.get())
                  .onItem()
                  .invoke(
                      event -> {
                        if (answered.compareAndSet(false, true)) {
                          breaker.success();
                        }
                        if (event instanceof ChatEvent.PartialResponseEvent) {
                          spoke.set(true);
                        }
                        // the completed response carries the invocation's summed usage
                        if (event instanceof ChatEvent.ChatCompletedEvent done) {
                          tokens(model, done.getChatResponse());
                        }
                      })
                  .onCompletion()
                  .invoke(() -> count(endpoint, "success"))
                  .onCancellation()
                  .invoke(breaker::released)
                  .onFailure()
                  .recoverWithMulti(
                      failure -> {
                        Optional<ProviderFailure> found = ProviderFailure.of(failure);
                        if (found.isEmpty()) {
                          // the endpoint answered; the turn stopped for its own reasons
                          breaker.released();
                          return Multi.createFrom().failure(failure);
                        }
                        // langchain4j's exception keeps the status, not the headers: the
                        // endpoint's Retry-After comes from the response filter
                        ProviderFailure provider = endpoints.withRetryAfter(endpoint, found.get());
                        breaker.failure();
                        count(endpoint, provider.kind().code());
                        if (spoke.get()) {
                          return Multi.createFrom().failure(failure);
                        }
                        Duration wait = retryWait(provider, n, breaker);
                        if (wait == null) {
                          LOG.warnf(
                              "Model endpoint %s failed (%s) on attempt %d; going on without it",
                              endpoint, provider.kind().code(), n);
                          return Multi.createFrom()
                              .failure(new ModelUnavailable(endpoint, provider, failure));
                        }
                        LOG.infof(
                            "Model endpoint %s failed (%s) on attempt %d; retrying in %d ms",
                            endpoint, provider.kind().code(), n, wait.toMillis());
                        return Uni.createFrom()
                            .voidItem()
                            .onItem()
                            .delayIt()
                            .by(wait)
                            .onItem()
                            .transformToMulti(
                                ignored -> {
                                  beforeRetry.run();
                                  return attempt(model, endpoint, beforeRetry, agent, n + 1);
                                });
                      });
            });
  }

  /**
   * How long to wait before the next attempt, or null when there is none: not retryable, attempts
   * used up, the circuit now open, or a Retry-After longer than Frontdesk waits.
   */
  Duration retryWait(ProviderFailure failure, int attempt, CircuitBreaker breaker) {
    if (!failure.retryable()
        || attempt >= config.maxAttempts()
        || breaker.state() == CircuitBreaker.State.OPEN) {
      return null;
    }
    if (failure.retryAfter() != null) {
      return failure.retryAfter().compareTo(config.maxRetryAfter()) > 0
          ? null
          : failure.retryAfter();
    }
    Duration backoff = config.initialBackoff().multipliedBy(1L << Math.min(20, attempt - 1));
    return backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff;
  }

  private void tokens(String agent, ChatResponse response) {
    TokenUsage usage = response == null ? null : response.tokenUsage();
    if (usage == null) {
      return;
    }
    metrics.tokens(
        agent,
        response.modelName(),
        usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
  }

  private void count(String endpoint, String outcome) {
    registry
        .counter("frontdesk.model.attempts", "endpoint", endpoint, "outcome", outcome)
        .increment();
  }
}
