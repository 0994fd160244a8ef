package io.frontdesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontdesk.testing.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token accepted once is not verified again while the same string comes back within a minute and
 * before its expiry; tampered, expired or unknown tokens always go through the full check.
 */
class TokenVerifierCacheTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  private TokenVerifier verifier(Path dir) {
    return new TokenVerifier(
        TokenKeys.resolve(TokenKeysTest.rsa(dir)).verification(), now::get, metrics);
  }

  private double verified(String by) {
    return metrics.get(TokenVerifier.METRIC).tag("by", by).counter().count();
  }

  @Test
  void theSameTokenIsVerifiedOnceWithinAMinute(@TempDir Path dir) {
    TokenVerifier verifier = verifier(dir);
    String token = TestTokens.customer("cus_0006");
    for (int i = 0; i < 5; i++) {
      assertEquals("cus_0006", verifier.verify(token).getName());
    }
    assertEquals(1, verified("signature"));
    assertEquals(4, verified("cache"));

    now.set(now.get().plus(TokenVerifier.REMEMBERED));
    verifier.verify(token);
    assertEquals(2, verified("signature"), "a minute later it is verified in full again");
  }

  @Test
  void aRememberedTokenPastItsExpiryIsVerifiedInFull(@TempDir Path dir) {
    TokenVerifier verifier = verifier(dir);
    String token = TestTokens.customer("cus_0006");
    verifier.verify(token);
    InstantSource real = InstantSource.system();
    // the clock past the token's expiry (minted for at most an hour) and the 5 s clock skew
    now.set(real.instant().plus(Duration.ofHours(2)));
    verifier.verify(token);
    assertEquals(0, verified("cache"), "not taken from memory once expired");
    assertEquals(2, verified("signature"));
  }

  @Test
  void refusedAndTamperedTokensAreNeverRemembered(@TempDir Path dir) {
    TokenVerifier verifier = verifier(dir);
    String token = TestTokens.customer("cus_0006");
    verifier.verify(token);
    String[] parts = token.split("\\.");
    String otherSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    assertThrows(TokenVerifier.InvalidToken.class, () -> verifier.verify(otherSignature));
    String forged = TestTokens.forgedCustomer("cus_0006");
    for (int i = 0; i < 2; i++) {
      assertThrows(TokenVerifier.InvalidToken.class, () -> verifier.verify(forged));
    }
    assertEquals(0, verified("cache"));
    assertEquals(1, verifier.remembered(), "only the accepted token");
  }

  @Test
  void atMostCapacityTokensAreRemembered(@TempDir Path dir) {
    TokenVerifier verifier = verifier(dir);
    for (int i = 0; i < TokenVerifier.CAPACITY + 20; i++) {
      verifier.verify(TestTokens.customer("cus_" + i));
    }
    assertEquals(TokenVerifier.CAPACITY, verifier.remembered());
  }
}
