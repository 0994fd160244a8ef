package io.frontdesk.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Finds the caller's token wherever a client can put it: {@code Authorization: Bearer <jwt>} on any
 * request; for the GET requests browsers cannot add headers to (WebSocket upgrades, SSE
 * EventSource), {@code ?token=<jwt>} or {@code Sec-WebSocket-Protocol: bearer, <jwt>}.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

  static final String SCHEME = "bearer";
  static final String QUERY_PARAMETER = "token";
  static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String token = token(context.request());
    if (token == null) {
      return Uni.createFrom().nullItem();
    }
    TokenAuthenticationRequest request =
        new TokenAuthenticationRequest(new TokenCredential(token, SCHEME));
    HttpSecurityUtils.setRoutingContextAttribute(request, context);
    return identityProviderManager.authenticate(request);
  }

  /** The token the request carries wherever a client can put it, or null. */
  public static String token(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null) {
      String value = header.strip();
      return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value;
    }
    if (request.method() != HttpMethod.GET) {
      return null;
    }
    String query = request.getParam(QUERY_PARAMETER);
    if (query != null && !query.isBlank()) {
      return query.strip();
    }
    return subprotocolToken(request.getHeader(SUBPROTOCOL_HEADER));
  }

  /**
   * {@code bearer, <jwt>}: the form a browser's {@code new WebSocket(url, ["bearer", jwt])} sends.
   */
  static String subprotocolToken(String header) {
    if (header == null) {
      return null;
    }
    String[] protocols = header.split(",");
    for (int i = 0; i + 1 < protocols.length; i++) {
      if (protocols[i].strip().equalsIgnoreCase(SCHEME)) {
        return protocols[i + 1].strip();
      }
    }
    return null;
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(TokenAuthenticationRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom()
        .item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
  }
}
