package io.frontdesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontdesk.testing.TestTokens;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator whose identity backend puts the customer id in another claim configures it ({@code
 * frontdesk.security.identity-claim}); the caller is then that claim's value and only that: not
 * {@code sub}, not {@code upn}, not {@code preferred_username}. Without the application: the
 * provider is built with the claim it reads.
 */
class IdentityClaimTest {

  @TempDir Path dir;

  private SecurityIdentity identify(String claim, String token) {
    TokenIdentityProvider provider =
        new TokenIdentityProvider(TokenKeysTest.verifier(TokenKeysTest.rsa(dir)), claim);
    AuthenticationRequestContext blocking =
        new AuthenticationRequestContext() {
          @Override
          public Uni<SecurityIdentity> runBlocking(
              java.util.function.Supplier<SecurityIdentity> function) {
            return Uni.createFrom().item(function);
          }
        };
    return provider
        .authenticate(
            new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), blocking)
        .await()
        .indefinitely();
  }

  private String refusal(String claim, Map<String, Object> claims) {
    return assertThrows(
            AuthenticationFailedException.class,
            () -> identify(claim, TestTokens.withClaims(claims)))
        .getMessage();
  }

  @Test
  void theConfiguredClaimIsTheCallerAndSubIsNot() {
    SecurityIdentity caller =
        identify(
            "customer_id",
            TestTokens.withClaims(
                Map.of(
                    "sub", "auth0|6543",
                    "customer_id", "cus_0128",
                    "preferred_username", "cus_0127",
                    "upn", "cus_0125")));
    assertEquals("cus_0128", caller.getPrincipal().getName());
  }

  @Test
  void aTokenWithoutTheConfiguredClaimIsRefusedEvenWithASub() {
    assertEquals(
        "the token has no 'customer_id' claim naming the caller",
        refusal("customer_id", Map.of("sub", "cus_0128", "upn", "cus_0128")));
  }

  @Test
  void theConfiguredClaimMustBeAPlainString() {
    assertEquals(
        "the token's 'customer_id' claim is not a string",
        refusal("customer_id", Map.of("customer_id", 128)));
    assertEquals(
        "the token's 'customer_id' claim is not a string",
        refusal("customer_id", Map.of("customer_id", List.of("cus_0128"))));
    assertEquals(
        "the token's 'customer_id' claim contains a NUL character",
        refusal("customer_id", Map.of("customer_id", "cus\u00000128")));
  }

  @Test
  void theDefaultIsSubWhateverUpnAndPreferredUsernameSay() {
    SecurityIdentity caller =
        identify(
            "sub",
            TestTokens.withClaims(
                Map.of("sub", "cus_0126", "upn", "cus_0127", "preferred_username", "cus_0127")));
    assertEquals("cus_0126", caller.getPrincipal().getName());
  }

  @Test
  void theIdentityCarriesWhenItsTokenExpires() {
    Instant expires = Instant.now().plusSeconds(600);
    SecurityIdentity caller =
        identify("sub", TestTokens.withClaims(Map.of("sub", "cus_0126"), expires));
    assertEquals(
        Instant.ofEpochSecond(expires.getEpochSecond()),
        caller.getAttribute(TokenIdentityProvider.EXPIRES_AT));
  }
}
