package io.frontdesk.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a token with smallrye-jwt against the one configured key and algorithm: signature, the
 * accepted algorithm only (no {@code none}, no HS/RS swap), expiry, issuer and audience.
 *
 * <p>A client sends the same token with each request until it expires, and the signature check
 * (RSA) was the largest part of a request's authentication. A token verified in the last {@link
 * #REMEMBERED} is taken as verified again when exactly the same string comes back, until its own
 * expiry (plus the clock skew); past either it is verified in full. Only accepted tokens are kept
 * (at most {@link #CAPACITY}, least recently used dropped); a minute is well inside the time a JWKS
 * key stays cached after its rotation (smallrye-jwt refreshes keys hourly). Counted in {@code
 * frontdesk.tokens.verified} (tag {@code by}: signature, cache).
 */
@ApplicationScoped
public class TokenVerifier {

  static final String METRIC = "frontdesk.tokens.verified";
  static final Duration REMEMBERED = Duration.ofSeconds(60);
  static final int CAPACITY = 1024;

  private record Verified(JsonWebToken token, Instant until) {}

  private final DefaultJWTParser parser;
  private final boolean fetchesKeys;
  private final InstantSource clock;
  private final long graceSeconds;
  private final Counter bySignature;
  private final Counter byCache;
  private final Map<String, Verified> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
          return size() > CAPACITY;
        }
      };

  @Inject
  TokenVerifier(TokenKeys keys, MeterRegistry metrics) {
    this(keys.verification(), InstantSource.system(), metrics);
  }

  /** A verifier for these settings (unit tests build one without the application). */
  TokenVerifier(JWTAuthContextInfo verification) {
    this(verification, InstantSource.system(), new SimpleMeterRegistry());
  }

  TokenVerifier(JWTAuthContextInfo verification, InstantSource clock, MeterRegistry metrics) {
    this.parser = new DefaultJWTParser(verification);
    this.clock = clock;
    this.graceSeconds = Math.max(0, verification.getExpGracePeriodSecs());
    this.bySignature = counter(metrics, "signature");
    this.byCache = counter(metrics, "cache");
    String location = verification.getPublicKeyLocation();
    this.fetchesKeys =
        location != null && (location.startsWith("https://") || location.startsWith("http://"));
  }

  /**
   * Whether verifying may wait on the network (a JWKS URL, fetched and refreshed by smallrye-jwt);
   * a key held in memory or read from a local file is verified on the calling thread.
   */
  public boolean fetchesKeys() {
    return fetchesKeys;
  }

  /** The verified token, or {@link InvalidToken} saying why it was refused. */
  public JsonWebToken verify(String token) {
    if (token == null || token.isBlank()) {
      throw new InvalidToken("no token");
    }
    if (token.chars().filter(c -> c == '.').count() != 2 || token.endsWith(".")) {
      throw new InvalidToken("the token is not a signed JWT");
    }
    Instant now = clock.instant();
    Verified known = remembered(token, now);
    if (known != null) {
      byCache.increment();
      return known.token();
    }
    JsonWebToken verified;
    try {
      verified = parser.parse(token);
    } catch (ParseException e) {
      throw new InvalidToken(reason(e));
    }
    bySignature.increment();
    remember(token, verified, now);
    return verified;
  }

  private synchronized Verified remembered(String token, Instant now) {
    Verified known = recent.get(token);
    if (known == null) {
      return null;
    }
    if (!now.isBefore(known.until())) {
      recent.remove(token);
      return null;
    }
    return known;
  }

  private synchronized void remember(String token, JsonWebToken verified, Instant now) {
    Instant until = now.plus(REMEMBERED);
    long exp = verified.getExpirationTime();
    if (exp > 0) {
      Instant expires = Instant.ofEpochSecond(exp + graceSeconds);
      until = expires.isBefore(until) ? expires : until;
    }
    recent.put(token, new Verified(verified, until));
  }

  /** Tokens kept as verified now (tests: the bound). */
  synchronized int remembered() {
    return recent.size();
  }

  private static Counter counter(MeterRegistry metrics, String by) {
    return Counter.builder(METRIC)
        .description("Bearer tokens accepted: by a signature check, or as verified before")
        .tag("by", by)
        .register(metrics);
  }

  /** A short reason for the 401: enough for the caller to fix their token, nothing more. */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase();
      if (m.contains("expired") || m.contains("expiration")) {
        return "the token has expired";
      }
      if (m.contains("algorithm")) {
        return "the token's signing algorithm is not accepted";
      }
      if (m.contains("issuer") || m.contains("iss ")) {
        return "the token's issuer is not accepted";
      }
      if (m.contains("audience")) {
        return "the token's audience is not accepted";
      }
    }
    return "the token's signature or claims could not be verified";
  }

  /** A token that must not be trusted. */
  public static final class InvalidToken extends RuntimeException {
    InvalidToken(String reason) {
      super(reason);
    }
  }
}
