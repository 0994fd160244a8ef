package io.frontdesk.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Signs demo tokens with the generated demo key; there is nothing to sign with outside demo mode.
 */
@ApplicationScoped
public class TokenMinter {

  /** A signed token and when it stops being accepted. */
  public record Minted(String token, String subject, String role, Instant expiresAt) {}

  private final TokenKeys keys;
  private final SecurityConfig config;

  TokenMinter(TokenKeys keys, SecurityConfig config) {
    this.keys = keys;
    this.config = config;
  }

  /** True when this instance generated its own key, so demo tokens can be minted. */
  public boolean available() {
    return keys.demoSigningKey().isPresent();
  }

  public Optional<Minted> mint(String subject, String role) {
    return keys.demoSigningKey().map(key -> sign(key, subject, role));
  }

  private Minted sign(PrivateKey key, String subject, String role) {
    Instant expires = Instant.now().plus(config.demoTokenLifespan());
    var claims =
        Jwt.issuer(keys.issuer().orElse(TokenKeys.DEMO_ISSUER))
            .subject(subject)
            .groups(Set.of(role))
            .expiresAt(expires.getEpochSecond());
    if (!config.identityClaim().equals("sub")) {
      // the caller's id is read from the configured claim alone
      claims.claim(config.identityClaim(), subject);
    }
    String token =
        claims.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key);
    return new Minted(token, subject, role, expires);
  }
}
