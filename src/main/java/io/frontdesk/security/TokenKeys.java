package io.frontdesk.security;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The key every token is verified with, resolved once at startup: the operator's RS256 public key
 * (or JWKS), or their HS256 secret, or, in demo mode with neither configured, a key pair Frontdesk
 * generates and keeps in its data folder. Outside demo mode a missing key stops the start.
 */
@Startup
@ApplicationScoped
public class TokenKeys {

  /** The issuer of tokens signed with the generated demo key. */
  public static final String DEMO_ISSUER = "frontdesk-demo";

  static final int MIN_SECRET_BYTES = 32;
  private static final Logger LOG = Logger.getLogger(TokenKeys.class);

  private final JWTAuthContextInfo verification;
  private final Optional<PrivateKey> demoSigningKey;
  private final Optional<String> issuer;

  TokenKeys(SecurityConfig config) {
    Resolved resolved = resolve(config);
    this.verification = resolved.verification();
    this.demoSigningKey = resolved.demoSigningKey();
    this.issuer = resolved.issuer();
    if (demoSigningKey.isPresent()) {
      LOG.warnf(
          "DEMO MODE: no token key configured, so Frontdesk generated its own signing key in %s."
              + " Anyone who can reach /api/v1/demo/tokens or read that folder can act as any"
              + " customer, agent or admin. Configure FRONTDESK_SECURITY_PUBLIC_KEY_LOCATION or"
              + " FRONTDESK_SECURITY_HS256_SECRET and FRONTDESK_SECURITY_DEMO=false for real use.",
          Path.of(config.demoKeyDir()).toAbsolutePath());
    } else {
      LOG.infof(
          "Tokens are verified with %s", config.hs256Secret().isPresent() ? "HS256" : "RS256");
    }
  }

  /** How tokens are verified (algorithm, key, issuer, audiences, clock skew). */
  JWTAuthContextInfo verification() {
    return verification;
  }

  /** The generated key in demo mode; empty whenever the operator configured a key. */
  public Optional<PrivateKey> demoSigningKey() {
    return demoSigningKey;
  }

  /** The issuer tokens must carry, if any. */
  public Optional<String> issuer() {
    return issuer;
  }

  /** What was resolved from the configuration. */
  record Resolved(
      JWTAuthContextInfo verification,
      Optional<PrivateKey> demoSigningKey,
      Optional<String> issuer) {}

  static Resolved resolve(SecurityConfig config) {
    boolean rsa = config.publicKeyLocation().filter(s -> !s.isBlank()).isPresent();
    boolean hmac = config.hs256Secret().filter(s -> !s.isBlank()).isPresent();
    if (rsa && hmac) {
      throw new IllegalStateException(
          "both frontdesk.security.public-key-location and frontdesk.security.hs256-secret are"
              + " set; configure exactly one way to verify tokens");
    }
    JWTAuthContextInfo info = new JWTAuthContextInfo();
    // the caller's id is the configured claim alone (IdentityClaim), never smallrye-jwt's choice
    // among upn, preferred_username and sub
    info.setRequireNamedPrincipal(false);
    info.setExpGracePeriodSecs((int) config.clockSkew().toSeconds());
    config.audiences().ifPresent(info::setExpectedAudience);
    Optional<PrivateKey> demoKey = Optional.empty();
    Optional<String> issuer = config.issuer().filter(s -> !s.isBlank());
    if (hmac) {
      byte[] secret = config.hs256Secret().get().getBytes(StandardCharsets.UTF_8);
      if (secret.length < MIN_SECRET_BYTES) {
        throw new IllegalStateException(
            "frontdesk.security.hs256-secret has %d bytes; HS256 needs at least %d"
                .formatted(secret.length, MIN_SECRET_BYTES));
      }
      info.setSecretVerificationKey(new SecretKeySpec(secret, "HmacSHA256"));
      info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
    } else if (rsa) {
      info.setPublicKeyLocation(config.publicKeyLocation().get());
      info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
    } else if (config.demo()) {
      DemoKeyPair pair = DemoKeyPair.loadOrCreate(Path.of(config.demoKeyDir()));
      info.setPublicVerificationKey(pair.publicKey());
      info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
      demoKey = Optional.of(pair.privateKey());
      issuer = Optional.of(issuer.orElse(DEMO_ISSUER));
    } else {
      throw new IllegalStateException(
          "no token key configured and demo mode is off: set"
              + " FRONTDESK_SECURITY_PUBLIC_KEY_LOCATION (RS256 public key or JWKS) or"
              + " FRONTDESK_SECURITY_HS256_SECRET, or FRONTDESK_SECURITY_DEMO=true for a local"
              + " demo");
    }
    issuer.ifPresent(info::setIssuedBy);
    return new Resolved(info, demoKey, issuer);
  }
}
