package io.frontdesk.conversation;

import io.frontdesk.account.CustomerRepository;
import io.frontdesk.http.ClientMistakes;
import io.frontdesk.security.BearerTokenMechanism;
import io.frontdesk.security.Roles;
import io.netty.channel.ChannelPipeline;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Decides a WebSocket upgrade ({@code /ws/chat}, {@code /ws/console}) before anything opens: no
 * token, a refused one (expired, forged, without the identity claim) or a customer the database
 * does not know is a 401 whose {@code WWW-Authenticate} says why (RFC 6750), logged as a client's
 * mistake; an accepted upgrade gets the {@link FrameRules}. It runs before websockets-next's own
 * security check, which answers a failed authentication by writing its response twice (an ERROR
 * with a stack trace for every browser that reconnects with an expired token); the token it lets
 * through is verified again there from the verifier's cache.
 */
@ApplicationScoped
@Priority(SocketUpgrades.PRIORITY)
public class SocketUpgrades implements HttpUpgradeCheck {

  /** Ahead of websockets-next's security check (Integer.MAX_VALUE - 100; higher runs first). */
  static final int PRIORITY = Integer.MAX_VALUE - 50;

  private static final Logger LOG = Logger.getLogger(SocketUpgrades.class);

  private final IdentityProviderManager identities;
  private final CustomerRepository customers;
  private final ClientMistakes mistakes;

  SocketUpgrades(
      IdentityProviderManager identities, CustomerRepository customers, ClientMistakes mistakes) {
    this.identities = identities;
    this.customers = customers;
    this.mistakes = mistakes;
  }

  @Override
  public Uni<CheckResult> perform(HttpUpgradeContext context) {
    String path = context.httpRequest().path();
    String token = BearerTokenMechanism.token(context.httpRequest());
    if (token == null || token.isBlank()) {
      return refuse(
          path, "websocket_without_token", "a bearer token is required (subprotocols or ?token=)");
    }
    TokenAuthenticationRequest request =
        new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
    return identities
        .authenticate(request)
        .chain(identity -> known(identity, path))
        .invoke(result -> accepted(result, context))
        .onFailure(AuthenticationFailedException.class)
        .recoverWithUni(
            refused ->
                refuse(path, "websocket_token_refused", String.valueOf(refused.getMessage())))
        .onFailure()
        .recoverWithItem(
            failure -> {
              // not the client's fault (the database, most likely): try again shortly
              LOG.warnf("WebSocket upgrade of %s could not be checked: %s", path, failure);
              return CheckResult.rejectUpgradeSync(503, Map.of("Retry-After", List.of("5")));
            });
  }

  /** A customer's token must name a customer the database knows (REST answers the same 401). */
  private Uni<CheckResult> known(SecurityIdentity identity, String path) {
    if (!identity.hasRole(Roles.CUSTOMER)) {
      return CheckResult.permitUpgrade();
    }
    String id = identity.getPrincipal().getName();
    return Panache.withSession(() -> customers.findById(id))
        .chain(
            customer ->
                customer != null
                    ? CheckResult.permitUpgrade()
                    : refuse(
                        path,
                        "websocket_unknown_customer",
                        "the token names customer " + id + ", who is unknown"));
  }

  private void accepted(CheckResult result, HttpUpgradeContext context) {
    if (!result.isUpgradePermitted()) {
      return;
    }
    HttpConnection connection = context.httpRequest().connection();
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      if (pipeline.get(FrameRules.NAME) == null && pipeline.get("handler") != null) {
        pipeline.addBefore(
            "handler", FrameRules.NAME, new FrameRules(mistakes, context.httpRequest().path()));
      }
    }
  }

  private Uni<CheckResult> refuse(String path, String kind, String reason) {
    mistakes.record(kind, "WebSocket upgrade of %s refused (401): %s".formatted(path, reason));
    String description = reason.replaceAll("[^\\x20-\\x7e]", "?").replace('"', '\'');
    return CheckResult.rejectUpgrade(
        401,
        Map.of(
            "WWW-Authenticate",
            List.of(
                "Bearer error=\"invalid_token\", error_description=\"%s\""
                    .formatted(description))));
  }
}
