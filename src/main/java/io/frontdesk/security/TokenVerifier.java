package io.frontdesk.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a token with smallrye-jwt against the one configured key and algorithm: signature, the
 * accepted algorithm only (no {@code none}, no HS/RS swap), expiry, issuer and audience.
 */
@ApplicationScoped
public class TokenVerifier {

  private final DefaultJWTParser parser;
  private final boolean fetchesKeys;

  @Inject
  TokenVerifier(TokenKeys keys) {
    this(keys.verification());
  }

  /** A verifier for these settings (unit tests build one without the application). */
  TokenVerifier(JWTAuthContextInfo verification) {
    this.parser = new DefaultJWTParser(verification);
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
    try {
      return parser.parse(token);
    } catch (ParseException e) {
      throw new InvalidToken(reason(e));
    }
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
