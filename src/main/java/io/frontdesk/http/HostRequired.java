package io.frontdesk.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * An HTTP/1.1 request without {@code Host} (RFC 9112 requires one; Vert.x Web refuses it before any
 * route) is answered 400 with the API's error shape and logged as a client's mistake, instead of
 * the router's failure written as an ERROR with an error id.
 */
@ApplicationScoped
public class HostRequired {

  private final ClientMistakes mistakes;

  HostRequired(ClientMistakes mistakes) {
    this.mistakes = mistakes;
  }

  void routes(@Observes Router router) {
    // ahead of Quarkus's own failure handlers
    router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
  }

  private void failed(RoutingContext context) {
    HttpServerRequest request = context.request();
    if (request.version() != HttpVersion.HTTP_1_1
        || request.headers().contains("Host")
        || context.response().ended()) {
      context.next();
      return;
    }
    String reason = "an HTTP/1.1 request needs a Host header";
    mistakes.record(
        "http_without_host",
        "%s %s from %s: %s"
            .formatted(request.method(), request.path(), request.remoteAddress(), reason));
    context
        .response()
        .setStatusCode(400)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", "invalid_request").put("message", reason).encode());
  }
}
