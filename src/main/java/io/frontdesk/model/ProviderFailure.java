package io.frontdesk.model;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import io.frontdesk.model.transport.ModelStreamBroken;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong with a model call, when it was the endpoint's fault (throttled, failing,
 * unreachable, silent, or an answer that broke off) rather than the request's: only these are
 * retried, count against the circuit and send the turn to the offline model.
 */
public record ProviderFailure(Kind kind, Integer status, Duration retryAfter) {

  /** The endpoint's failure, as a metric tag. */
  public enum Kind {
    RATE_LIMITED,
    SERVER_ERROR,
    UNREACHABLE,
    TIMEOUT,
    CIRCUIT_OPEN,
    /** The answer's stream ended before its end (no finish_reason, no {@code [DONE]}). */
    TRUNCATED_STREAM,
    /** The answer's stream sent a chunk that is not JSON. */
    MALFORMED_STREAM;

    public String code() {
      return name().toLowerCase();
    }
  }

  /** Whether another attempt may help (a silent endpoint is not asked again in the same turn). */
  public boolean retryable() {
    return switch (kind) {
      case RATE_LIMITED, SERVER_ERROR, UNREACHABLE, TRUNCATED_STREAM, MALFORMED_STREAM -> true;
      case TIMEOUT, CIRCUIT_OPEN -> false;
    };
  }

  /** The endpoint's failure in this chain of causes, if it is one. */
  public static Optional<ProviderFailure> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Optional<ProviderFailure> found = classify(t);
      if (found.isPresent()) {
        return found;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  private static Optional<ProviderFailure> classify(Throwable t) {
    if (t instanceof ModelStreamBroken broken) {
      return Optional.of(
          new ProviderFailure(
              broken.how() == ModelStreamBroken.How.MALFORMED
                  ? Kind.MALFORMED_STREAM
                  : Kind.TRUNCATED_STREAM,
              null,
              null));
    }
    if (t instanceof CallTimedOut) {
      return Optional.of(new ProviderFailure(Kind.TIMEOUT, null, null));
    }
    if (t instanceof WebApplicationException web && web.getResponse() != null) {
      return status(
          web.getResponse().getStatus(), web.getResponse().getHeaderString("Retry-After"));
    }
    if (t instanceof RateLimitException) {
      return Optional.of(new ProviderFailure(Kind.RATE_LIMITED, 429, null));
    }
    if (t instanceof InternalServerException) {
      return Optional.of(new ProviderFailure(Kind.SERVER_ERROR, 500, null));
    }
    if (t instanceof HttpException http) {
      return status(http.statusCode(), null);
    }
    if (t instanceof TimeoutException
        || t instanceof HttpTimeoutException
        || t instanceof dev.langchain4j.exception.TimeoutException) {
      return Optional.of(new ProviderFailure(Kind.TIMEOUT, null, null));
    }
    if (t instanceof ConnectException
        || (t instanceof IOException && !(t instanceof java.io.InterruptedIOException))
        || t instanceof io.vertx.core.VertxException
            && String.valueOf(t.getMessage()).toLowerCase().contains("connection")) {
      return Optional.of(new ProviderFailure(Kind.UNREACHABLE, null, null));
    }
    return Optional.empty();
  }

  /** 429 and 5xx are the endpoint's; other statuses (400, 401, 404) are the request's. */
  static Optional<ProviderFailure> status(int status, String retryAfter) {
    if (status == 429) {
      return Optional.of(new ProviderFailure(Kind.RATE_LIMITED, 429, retryAfter(retryAfter)));
    }
    if (status >= 500) {
      return Optional.of(new ProviderFailure(Kind.SERVER_ERROR, status, retryAfter(retryAfter)));
    }
    return Optional.empty();
  }

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration wait =
            Duration.between(
                ZonedDateTime.now(),
                ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
  }
}
