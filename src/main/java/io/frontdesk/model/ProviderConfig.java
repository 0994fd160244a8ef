package io.frontdesk.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How Frontdesk treats a model endpoint that fails, throttles or hangs (one layer retries). */
@ConfigMapping(prefix = "frontdesk.model-provider")
public interface ProviderConfig {

  /** A model response that sends nothing for this long is given up (tool runs do not count). */
  @WithDefault("20s")
  Duration callTimeout();

  /** Attempts per model call on 429, 5xx or an unreachable endpoint (1 = no retry). */
  @WithDefault("3")
  int maxAttempts();

  /** The wait before the first retry; doubled on each further one, up to max-backoff. */
  @WithDefault("500ms")
  Duration initialBackoff();

  /** The longest wait between two attempts (without a Retry-After). */
  @WithDefault("5s")
  Duration maxBackoff();

  /** A Retry-After longer than this is not waited for: the offline model answers instead. */
  @WithDefault("10s")
  Duration maxRetryAfter();

  /** The circuit breaker per model endpoint. */
  Breaker breaker();

  /**
   * When an endpoint fails, throttles or its circuit is open: offline (answer) or none (ticket).
   */
  @WithDefault("offline")
  Fallback fallback();

  /** The circuit breaker per model endpoint. */
  interface Breaker {

    /** Failed attempts in a row that open the circuit. */
    @WithDefault("5")
    int failureThreshold();

    /** How long an open circuit refuses calls before one trial call is let through. */
    @WithDefault("30s")
    Duration openFor();
  }

  /** What answers when the model cannot. */
  enum Fallback {
    OFFLINE,
    NONE
  }
}
