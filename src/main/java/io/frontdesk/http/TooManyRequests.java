package io.frontdesk.http;

import java.time.Duration;

/**
 * The caller must wait before trying again (HTTP 429 with {@code Retry-After}): the instance is at
 * capacity ({@code busy}) or this caller sent too much ({@code rate_limited}). Socket channels send
 * the same code, reason and wait as an error event.
 */
public class TooManyRequests extends RuntimeException {

  private final String code;
  private final Duration retryAfter;

  private TooManyRequests(String code, String message, Duration retryAfter) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** The instance has no room for more work now. */
  public static TooManyRequests busy(Duration retryAfter) {
    return new TooManyRequests(
        "busy",
        "Frontdesk is busy; retry in " + seconds(retryAfter) + " s. Nothing was stored.",
        retryAfter);
  }

  /** This caller has used up its allowance for now. */
  public static TooManyRequests rateLimited(Duration retryAfter) {
    return new TooManyRequests(
        "rate_limited",
        "too many messages; retry in " + seconds(retryAfter) + " s. Nothing was stored.",
        retryAfter);
  }

  public String code() {
    return code;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds to wait, at least one, as {@code Retry-After} carries. */
  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
