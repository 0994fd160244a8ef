package io.frontdesk.model.transport;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.lang.reflect.Proxy;
import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

/**
 * Watches each HTTP exchange of a model call ({@link Exchange}): binds the request to the call that
 * sends it (so the call's end can stop it), and hands the REST client an event stream's response
 * wrapped ({@link GuardedStream}) to see how it ends. It keeps a finished stream's connection in
 * the pool: the REST client's SSE reader closes the connection when the stream ends, but by then
 * Vert.x has already given the connection back to the pool, often to another model call: that call
 * fails with "Connection was closed" (the turn became an {@code agent_error} ticket), and no
 * streaming connection was ever reused. Behind this filter the reader's close is ignored once the
 * response has ended; a stream cancelled half-way still closes its HTTP/1.1 connection (or resets
 * only its HTTP/2 stream). It notes a stream's {@code data: [DONE]}, and a chunk the reader cannot
 * parse fails the stream (Vert.x would log it as an uncaught error and the reader would go on
 * without the chunk).
 */
final class StreamEndGuard implements ClientRequestFilter, ClientResponseFilter {

  private static final String EXCHANGE = Exchange.class.getName();

  @Override
  public void filter(ClientRequestContext request) {
    Exchange exchange = Exchange.sending();
    if (exchange != null && request instanceof ClientRequestContextImpl impl) {
      request.setProperty(EXCHANGE, exchange);
      exchange.bound(impl.getRestClientRequestContext(), request.getUri());
    }
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response) {
    if (!(request instanceof ClientRequestContextImpl impl)) {
      return;
    }
    RestClientRequestContext context = impl.getRestClientRequestContext();
    // a request that failed before any answer has no response (and no headers) at all
    HttpClientResponse vertx = context.getVertxClientResponse();
    if (vertx == null || Proxy.isProxyClass(vertx.getClass())) {
      return;
    }
    Exchange exchange = request.getProperty(EXCHANGE) instanceof Exchange e ? e : new Exchange();
    boolean stream = isStream(vertx);
    if (stream) {
      context.initialiseResponse(new GuardedStream(vertx, exchange).response());
    }
    exchange.responded(Vertx.currentContext(), stream);
  }

  private static boolean isStream(HttpClientResponse response) {
    String type = response.getHeader("Content-Type");
    return type != null && type.regionMatches(true, 0, "text/event-stream", 0, 17);
  }
}
