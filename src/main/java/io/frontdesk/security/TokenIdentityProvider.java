package io.frontdesk.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns a verified token into the caller's identity: the principal is the token ({@code sub} is the
 * customer or agent id) and the roles come from its {@code groups} (see {@link Roles}).
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

  private final TokenVerifier verifier;

  TokenIdentityProvider(TokenVerifier verifier) {
    this.verifier = verifier;
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
    try {
      token = verifier.verify(request.getToken().getToken());
    } catch (TokenVerifier.InvalidToken invalid) {
      throw new AuthenticationFailedException(invalid.getMessage());
    }
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(token)
        .addCredential(request.getToken())
        .addRoles(Roles.of(token.getGroups()))
        .build();
  }
}
