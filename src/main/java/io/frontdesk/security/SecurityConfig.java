package io.frontdesk.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How callers prove who they are: JWTs signed by the operator's own backend (RS256 public key or
 * JWKS, or an HS256 shared secret), or, in demo mode only, by a key Frontdesk generates itself.
 */
@ConfigMapping(prefix = "frontdesk.security")
public interface SecurityConfig {

  /**
   * Demo mode: with no key configured, generate a signing key into {@link #demoKeyDir()} and offer
   * demo tokens (bin/mint-token, POST /api/v1/demo/tokens). The deployment profile turns it off,
   * and then Frontdesk refuses to start without a key.
   */
  @WithDefault("true")
  boolean demo();

  /**
   * RS256: where the operator's public key is: a PEM or JWK(S) file ({@code file:/…}), a classpath
   * resource, or an https JWKS endpoint (refreshed as keys rotate).
   */
  Optional<String> publicKeyLocation();

  /** HS256: the shared secret (at least 32 bytes) the operator's backend signs tokens with. */
  Optional<String> hs256Secret();

  /**
   * The claim whose value is the caller's id (a customer id, or an agent's or admin's id), and
   * nothing else: a token without it, or with a value that is not a plain non-blank string, is
   * refused (401). Choose a claim your identity backend sets and users cannot choose; {@code upn}
   * and {@code preferred_username} are often user-chosen names.
   */
  @WithDefault("sub")
  String identityClaim();

  /** When set, tokens must carry this {@code iss}. */
  Optional<String> issuer();

  /** When set, tokens must carry one of these {@code aud} values. */
  Optional<Set<String>> audiences();

  /** Where demo mode keeps its generated key pair (kept across restarts). */
  @WithDefault("data/keys")
  String demoKeyDir();

  /** Lifetime of demo tokens. */
  @WithDefault("12h")
  Duration demoTokenLifespan();

  /** Tokens are accepted this long after they expired (clock skew between machines). */
  @WithDefault("30s")
  Duration clockSkew();
}
