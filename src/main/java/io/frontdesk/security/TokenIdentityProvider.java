package io.frontdesk.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns a verified token into the caller's identity: the principal's name is the configured
 * identity claim ({@link IdentityClaim}, default {@code sub}: the customer, agent or admin id) and
 * nothing else; the roles come from its {@code groups} (see {@link Roles}); the token and its
 * expiry ({@link #EXPIRES_AT}, for {@link SessionExpiry}) are attributes.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

  /** Attribute: the {@link java.time.Instant} the token's {@code exp} names, if it has one. */
  public static final String EXPIRES_AT = "frontdesk.token.expires-at";

  /** Attribute: the verified {@link JsonWebToken}. */
  public static final String TOKEN = "frontdesk.token";

  private final TokenVerifier verifier;
  private final IdentityClaim claim;

  @Inject
  TokenIdentityProvider(TokenVerifier verifier, SecurityConfig config) {
    this(verifier, config.identityClaim());
  }

  /** A provider reading the caller's id from {@code claim} (unit tests build one directly). */
  TokenIdentityProvider(TokenVerifier verifier, String claim) {
    this.verifier = verifier;
    this.claim = new IdentityClaim(claim);
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    if (verifier.fetchesKeys()) {
      // a JWKS location may need a network fetch: never on the event loop
      return context.runBlocking(() -> identity(request));
    }
    // a local key: a signature check is microseconds of CPU, not worth a hop to a worker thread
    try {
      return Uni.createFrom().item(identity(request));
    } catch (AuthenticationFailedException refused) {
      return Uni.createFrom().failure(refused);
    }
  }

  private SecurityIdentity identity(TokenAuthenticationRequest request) {
    JsonWebToken token;
    String id;
    try {
      token = verifier.verify(request.getToken().getToken());
      id = claim.of(token);
    } catch (TokenVerifier.InvalidToken invalid) {
      throw new AuthenticationFailedException(invalid.getMessage());
    }
    QuarkusSecurityIdentity.Builder identity =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal(id))
            .addCredential(request.getToken())
            .addRoles(Roles.of(token.getGroups()))
            .addAttribute(TOKEN, token);
    if (token.getExpirationTime() > 0) {
      identity.addAttribute(EXPIRES_AT, Instant.ofEpochSecond(token.getExpirationTime()));
    }
    return identity.build();
  }
}
