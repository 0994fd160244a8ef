package io.frontdesk.model;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.frontdesk.model.transport.ModelStream;
import io.frontdesk.model.transport.ModelStreamBroken;
import io.frontdesk.telemetry.SupportMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one layer that retries model calls (the client itself makes one attempt): a per-call timeout,
 * up to max-attempts on 429 / 5xx / an unreachable endpoint / an answer that broke off, with
 * exponential backoff that honours {@code Retry-After}, and the endpoint's circuit breaker. When it
 * gives up, the call fails with {@link ModelUnavailable} and the turn engine answers with the
 * offline model. Each attempt is one {@link ModelStream}: when it ends (given up, timed out, or
 * cancelled with its turn) its HTTP requests still open are stopped at once.
 */
@ApplicationScoped
public class ModelCalls {

  private static final Logger LOG = Logger.getLogger(ModelCalls.class);

  private final ModelEndpoints endpoints;
  private final ProviderConfig config;
  private final CallTimer timer;
  private final MeterRegistry registry;
  private final SupportMetrics metrics;
  private final Vertx vertx;

  ModelCalls(
      ModelEndpoints endpoints,
      ProviderConfig config,
      CallTimer timer,
      MeterRegistry registry,
      SupportMetrics metrics,
      Vertx vertx) {
    this.endpoints = endpoints;
    this.config = config;
    this.timer = timer;
    this.registry = registry;
    this.metrics = metrics;
    this.vertx = vertx;
  }

  /** Whether failures of the model are answered by the offline model (else they open a ticket). */
  public boolean fallsBackOffline() {
    return config.fallback() == ProviderConfig.Fallback.OFFLINE;
  }

  /**
   * The agent's stream for the named model, guarded. {@code beforeRetry} runs before each further
   * attempt (to take back what the failed attempt put in memory). A failure after answer text
   * reached the customer is not retried (the text would repeat): the call fails with {@link
   * ModelUnavailable} at once, and the engine withdraws that text.
   */
  public Multi<ChatEvent> call(
      String model, Runnable beforeRetry, Supplier<Multi<ChatEvent>> agent) {
    return attempt(new Call(model, endpoints.endpointOf(model), beforeRetry, agent), 1);
  }

  /**
   * The agent's stream as one model call outside this layer's timeout and retries (a workflow
   * step): it is still one {@link ModelStream}, whose connections close when it ends.
   */
  public Multi<ChatEvent> closing(Supplier<Multi<ChatEvent>> agent) {
    return Multi.createFrom()
        .deferred(
            () -> {
              ModelStream stream = new ModelStream();
              return stream.carry(vertx, agent.get()).onTermination().invoke(stream::close);
            });
  }

  /** One call of an agent's model, attempted up to max-attempts times. */
  private record Call(
      String model, String endpoint, Runnable beforeRetry, Supplier<Multi<ChatEvent>> agent) {}

  private Multi<ChatEvent> attempt(Call call, int n) {
    return Multi.createFrom()
        .deferred(
            () -> {
              CircuitBreaker breaker = endpoints.breaker(call.endpoint());
              if (!breaker.tryAcquire()) {
                count(call.endpoint(), "circuit_open");
                return Multi.createFrom()
                    .failure(
                        new ModelUnavailable(
                            call.endpoint(),
                            new ProviderFailure(
                                ProviderFailure.Kind.CIRCUIT_OPEN, null, breaker.remainingOpen()),
                            null));
              }
              AtomicBoolean answered = new AtomicBoolean();
              AtomicBoolean spoke = new AtomicBoolean();
              ModelStream stream = new ModelStream();
              return new IdleWatch(timer, config.callTimeout(), call.endpoint())
                  .watch(stream.carry(vertx, call.agent().get()))
                  // given up, timed out or cancelled with the turn: no connection is left reading
                  .onTermination()
                  .invoke(stream::close)
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
                          tokens(call.model(), done.getChatResponse());
                        }
                      })
                  .onCompletion()
                  .invoke(() -> count(call.endpoint(), "success"))
                  .onCancellation()
                  .invoke(breaker::released)
                  .onFailure()
                  .recoverWithMulti(failure -> recover(call, n, breaker, spoke.get(), failure));
            });
  }

  /**
   * An attempt failed: the endpoint's failure is counted and retried while it is worth it (never
   * after answer text was streamed), else the call is {@link ModelUnavailable}; a failure that is
   * not the endpoint's passes as it came.
   */
  private Multi<ChatEvent> recover(
      Call call, int n, CircuitBreaker breaker, boolean spoke, Throwable failure) {
    Optional<ProviderFailure> found = ProviderFailure.of(failure);
    if (found.isEmpty()) {
      // the endpoint answered; the turn stopped for its own reasons
      breaker.released();
      return Multi.createFrom().failure(failure);
    }
    // langchain4j's exception keeps the status, not the headers: the endpoint's Retry-After comes
    // from the response filter
    ProviderFailure provider = endpoints.withRetryAfter(call.endpoint(), found.get());
    breaker.failure();
    count(call.endpoint(), provider.kind().code());
    Duration wait = spoke ? null : retryWait(provider, n, breaker);
    if (wait == null) {
      LOG.warnf(
          "Model endpoint %s failed (%s%s) on attempt %d%s; going on without it",
          call.endpoint(),
          provider.kind().code(),
          detail(failure),
          n,
          spoke ? ", after part of its answer was streamed" : "");
      return Multi.createFrom().failure(new ModelUnavailable(call.endpoint(), provider, failure));
    }
    // an answer that broke off is worth a WARN even when the retry saves it
    LOG.logf(
        broke(failure) ? Logger.Level.WARN : Logger.Level.INFO,
        "Model endpoint %s failed (%s%s) on attempt %d; retrying in %d ms",
        call.endpoint(),
        provider.kind().code(),
        detail(failure),
        n,
        wait.toMillis());
    return Uni.createFrom()
        .voidItem()
        .onItem()
        .delayIt()
        .by(wait)
        .onItem()
        .transformToMulti(
            ignored -> {
              call.beforeRetry().run();
              return attempt(call, n + 1);
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

  private static ModelStreamBroken brokenStream(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ModelStreamBroken broken) {
        return broken;
      }
    }
    return null;
  }

  private static boolean broke(Throwable failure) {
    return brokenStream(failure) != null;
  }

  /** What was wrong with an answer that broke off, for the log line. */
  private static String detail(Throwable failure) {
    ModelStreamBroken broken = brokenStream(failure);
    return broken == null ? "" : ": " + broken.detail();
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
