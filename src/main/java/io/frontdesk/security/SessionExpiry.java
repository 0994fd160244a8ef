package io.frontdesk.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Ends a long-lived connection when the token it was opened with stops being accepted: at the
 * token's {@code exp} plus the configured clock skew, the same moment a request with that token
 * would get its 401. A WebSocket is closed with {@value #CLOSE_CODE} and {@link #REASON}; the pages
 * take a fresh token and reconnect, resuming where they were.
 */
@ApplicationScoped
public class SessionExpiry {

  /** Close code of a WebSocket whose token expired (4000–4999: the application's own codes). */
  public static final int CLOSE_CODE = 4401;

  /** Close reason sent with {@link #CLOSE_CODE} (at most 123 bytes, RFC 6455). */
  public static final String REASON = "token expired: get a new token, reconnect and resume";

  private static final Runnable NOTHING = () -> {};

  private final Vertx vertx;
  private final Duration skew;

  SessionExpiry(Vertx vertx, SecurityConfig config) {
    this.vertx = vertx;
    this.skew = config.clockSkew();
  }

  /** When the caller's token stops being accepted, or null for a token without {@code exp}. */
  public Instant endOf(SecurityIdentity identity) {
    Object expires = identity.getAttribute(TokenIdentityProvider.EXPIRES_AT);
    return expires instanceof Instant at ? at.plus(skew) : null;
  }

  /**
   * Runs {@code close} once the caller's token stops being accepted.
   *
   * @return cancels the timer (the connection closed first)
   */
  public Runnable atEnd(SecurityIdentity identity, Runnable close) {
    Instant end = endOf(identity);
    if (end == null) {
      return NOTHING;
    }
    long delay = Math.max(1, Duration.between(Instant.now(), end).toMillis());
    long timer = vertx.setTimer(delay, id -> close.run());
    return () -> vertx.cancelTimer(timer);
  }
}
