package io.frontdesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.TestKeys;
import io.frontdesk.testing.TestTokens;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key resolution and verification without the application: each way an operator configures keys,
 * demo mode, the refusal to start without a key, and the algorithm swaps an attacker tries.
 */
class TokenKeysTest {

  static final String SECRET = "an-operator-shared-secret-of-32-bytes!!";

  /** Settings as an operator would write them. */
  record Settings(
      boolean demo,
      Optional<String> publicKeyLocation,
      Optional<String> hs256Secret,
      Optional<String> issuer,
      Path keyDir)
      implements SecurityConfig {

    @Override
    public Optional<Set<String>> audiences() {
      return Optional.empty();
    }

    @Override
    public String demoKeyDir() {
      return keyDir.toString();
    }

    @Override
    public Duration demoTokenLifespan() {
      return Duration.ofHours(1);
    }

    @Override
    public Duration clockSkew() {
      return Duration.ofSeconds(5);
    }

    @Override
    public String identityClaim() {
      return "sub";
    }
  }

  static Settings rsa(Path dir) {
    return new Settings(
        false,
        Optional.of(TestKeys.trustedPublicKeyLocation()),
        Optional.empty(),
        Optional.of(TestTokens.ISSUER),
        dir);
  }

  static Settings hmac(Path dir) {
    return new Settings(
        false, Optional.empty(), Optional.of(SECRET), Optional.of(TestTokens.ISSUER), dir);
  }

  static TokenVerifier verifier(Settings settings) {
    return new TokenVerifier(TokenKeys.resolve(settings).verification());
  }

  static String hs256(String secret, String subject) {
    return Jwt.issuer(TestTokens.ISSUER)
        .subject(subject)
        .expiresAt(Instant.now().plusSeconds(600).getEpochSecond())
        .jws()
        .algorithm(SignatureAlgorithm.HS256)
        .sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
  }

  @Test
  void rs256AcceptsTheOperatorsTokensAndRefusesSwappedAlgorithms(@TempDir Path dir) {
    TokenVerifier rs = verifier(rsa(dir));

    assertEquals("cus_0006", rs.verify(TestTokens.customer("cus_0006")).getSubject());
    assertThrows(
        TokenVerifier.InvalidToken.class,
        () -> rs.verify(TestTokens.hs256SignedWithThePublicKey("cus_0006")));
    assertThrows(TokenVerifier.InvalidToken.class, () -> rs.verify(TestTokens.algNone("cus_0006")));
    assertThrows(
        TokenVerifier.InvalidToken.class, () -> rs.verify(TestTokens.withoutSignature("cus_0006")));
    assertThrows(
        TokenVerifier.InvalidToken.class, () -> rs.verify(TestTokens.forgedCustomer("cus_0006")));
    assertThrows(TokenVerifier.InvalidToken.class, () -> rs.verify(hs256(SECRET, "cus_0006")));
    var expired =
        assertThrows(
            TokenVerifier.InvalidToken.class,
            () -> rs.verify(TestTokens.expiredCustomer("cus_0006", 120)));
    assertEquals("the token has expired", expired.getMessage());
  }

  @Test
  void hs256AcceptsTheSharedSecretOnlyAndNeverAnRsaToken(@TempDir Path dir) {
    TokenVerifier hs = verifier(hmac(dir));

    assertEquals("cus_0009", hs.verify(hs256(SECRET, "cus_0009")).getSubject());
    assertThrows(
        TokenVerifier.InvalidToken.class, () -> hs.verify(hs256(SECRET + "x", "cus_0009")));
    assertThrows(
        TokenVerifier.InvalidToken.class, () -> hs.verify(TestTokens.customer("cus_0009")));
    assertThrows(TokenVerifier.InvalidToken.class, () -> hs.verify(TestTokens.algNone("cus_0009")));
  }

  @Test
  void aShortSecretOrTwoKeysStopTheStart(@TempDir Path dir) {
    var shortSecret =
        new Settings(false, Optional.empty(), Optional.of("too-short"), Optional.empty(), dir);
    assertTrue(
        assertThrows(IllegalStateException.class, () -> TokenKeys.resolve(shortSecret))
            .getMessage()
            .contains("at least 32"));
    var both =
        new Settings(
            false,
            Optional.of(TestKeys.trustedPublicKeyLocation()),
            Optional.of(SECRET),
            Optional.empty(),
            dir);
    assertTrue(
        assertThrows(IllegalStateException.class, () -> TokenKeys.resolve(both))
            .getMessage()
            .contains("exactly one"));
  }

  @Test
  void withoutKeysAndWithoutDemoModeFrontdeskRefusesToStart(@TempDir Path dir) {
    var deploy = new Settings(false, Optional.empty(), Optional.empty(), Optional.empty(), dir);

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> TokenKeys.resolve(deploy));

    assertTrue(
        refused.getMessage().contains("FRONTDESK_SECURITY_PUBLIC_KEY_LOCATION"),
        refused.getMessage());
    assertTrue(
        refused.getMessage().contains("FRONTDESK_SECURITY_HS256_SECRET"), refused.getMessage());
  }

  @Test
  void demoModeGeneratesAKeyOnceAndKeepsItAcrossRestarts(@TempDir Path dir) throws Exception {
    var demo =
        new Settings(
            true, Optional.empty(), Optional.empty(), Optional.empty(), dir.resolve("keys"));

    TokenKeys.Resolved first = TokenKeys.resolve(demo);
    String token =
        Jwt.issuer(TokenKeys.DEMO_ISSUER)
            .subject("cus_0001")
            .expiresAt(Instant.now().plusSeconds(600).getEpochSecond())
            .sign(first.demoSigningKey().orElseThrow());
    TokenKeys.Resolved afterRestart = TokenKeys.resolve(demo);

    assertTrue(Files.exists(dir.resolve("keys").resolve(DemoKeyPair.PRIVATE_FILE)));
    assertEquals(
        "cus_0001", new TokenVerifier(afterRestart.verification()).verify(token).getSubject());
    assertEquals(Optional.of(TokenKeys.DEMO_ISSUER), afterRestart.issuer());
    assertTrue(afterRestart.demoSigningKey().isPresent());
    assertTrue(
        TokenKeys.resolve(rsa(dir)).demoSigningKey().isEmpty(),
        "never a demo key when the operator configured one");
  }
}
