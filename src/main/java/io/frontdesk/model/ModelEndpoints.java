package io.frontdesk.model;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;

/**
 * The model endpoints agents call (an agent's named model's base URL, else the default one), each
 * with its one circuit breaker, built once per endpoint and shared by every agent that uses it.
 */
@ApplicationScoped
public class ModelEndpoints {

  private static final String PREFIX = "quarkus.langchain4j.openai.";
  // a Retry-After is matched to the failure that follows its response at once
  private static final Duration RECENT = Duration.ofSeconds(5);

  private final Config config;
  private final ProviderConfig provider;
  private final MeterRegistry registry;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<String, String> byModel = new ConcurrentHashMap<>();
  private final Map<String, RetryAfter> retryAfter = new ConcurrentHashMap<>();

  /** The pause an endpoint asked for, and when it asked. */
  private record RetryAfter(Duration pause, long atNanos) {}

  ModelEndpoints(Config config, ProviderConfig provider, MeterRegistry registry) {
    this.config = config;
    this.provider = provider;
    this.registry = registry;
  }

  /** The endpoint (scheme://host:port) the named model calls. */
  public String endpointOf(String model) {
    return byModel.computeIfAbsent(
        model,
        name ->
            normalise(
                config
                    .getOptionalValue(PREFIX + name + ".base-url", String.class)
                    .or(() -> config.getOptionalValue(PREFIX + "base-url", String.class))
                    .orElse("https://api.openai.com/v1")));
  }

  /** The endpoint's circuit breaker. */
  public CircuitBreaker breaker(String endpoint) {
    return breakers.computeIfAbsent(
        endpoint,
        e -> {
          CircuitBreaker breaker =
              new CircuitBreaker(
                  provider.breaker().failureThreshold(),
                  provider.breaker().openFor(),
                  System::nanoTime);
          Gauge.builder("frontdesk.model.circuit.state", breaker, b -> b.state().ordinal())
              .description("Circuit of a model endpoint: 0 closed, 1 open, 2 half-open")
              .tag("endpoint", e)
              .register(registry);
          return breaker;
        });
  }

  /** A response from this endpoint (any URL under it) asked callers to wait. */
  public void retryAfter(String url, Duration wait) {
    retryAfter.put(normalise(url), new RetryAfter(wait, System.nanoTime()));
  }

  /**
   * The failure with the endpoint's Retry-After, if it sent one for this failure (just now); the
   * wait left is counted from when the response came.
   */
  ProviderFailure withRetryAfter(String endpoint, ProviderFailure failure) {
    if (failure.retryAfter() != null) {
      return failure;
    }
    RetryAfter asked = retryAfter.remove(endpoint);
    if (asked == null) {
      return failure;
    }
    Duration since = Duration.ofNanos(System.nanoTime() - asked.atNanos());
    if (since.compareTo(RECENT) > 0) {
      return failure;
    }
    Duration left = asked.pause().minus(since);
    return new ProviderFailure(
        failure.kind(), failure.status(), left.isNegative() ? Duration.ZERO : left);
  }

  /** Closes every circuit: for operators after a provider outage is fixed, and for tests. */
  public void closeAll() {
    breakers.values().forEach(CircuitBreaker::success);
  }

  private static String normalise(String url) {
    try {
      URI uri = URI.create(url.strip());
      int port = uri.getPort();
      return uri.getScheme() + "://" + uri.getHost() + (port < 0 ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return url.strip();
    }
  }
}
