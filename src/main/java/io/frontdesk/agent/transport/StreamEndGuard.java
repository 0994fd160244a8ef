package io.frontdesk.agent.transport;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

/**
 * Keeps a finished model stream's connection in the pool. The REST client's SSE reader closes the
 * connection when the stream ends, but by then Vert.x has already given the connection back to the
 * pool, often to another model call: that call fails with "Connection was closed" (the turn became
 * an {@code agent_error} ticket), and no streaming connection was ever reused. Behind this filter
 * the reader's close is ignored once the response has ended; a stream cancelled half-way still
 * closes its HTTP/1.1 connection (or resets only its HTTP/2 stream).
 */
final class StreamEndGuard implements ClientResponseFilter {

  private static final ClassLoader LOADER = HttpClientResponse.class.getClassLoader();
  private static final Class<?>[] RESPONSE = {HttpClientResponse.class};
  private static final Class<?>[] REQUEST = {HttpClientRequest.class};
  private static final Class<?>[] CONNECTION = {HttpConnection.class};

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response) {
    if (!(request instanceof ClientRequestContextImpl impl)) {
      return;
    }
    RestClientRequestContext context = impl.getRestClientRequestContext();
    // a request that failed before any answer has no response (and no headers) at all
    HttpClientResponse vertx = context.getVertxClientResponse();
    if (vertx != null && isStream(vertx) && !Proxy.isProxyClass(vertx.getClass())) {
      context.initialiseResponse(guarded(vertx));
    }
  }

  private static boolean isStream(HttpClientResponse response) {
    String type = response.getHeader("Content-Type");
    return type != null && type.regionMatches(true, 0, "text/event-stream", 0, 17);
  }

  static HttpClientResponse guarded(HttpClientResponse response) {
    AtomicBoolean ended = new AtomicBoolean();
    HttpClientRequest request = response.request();
    HttpConnection connection = request.connection();
    HttpConnection guardedConnection =
        (HttpConnection)
            Proxy.newProxyInstance(
                LOADER,
                CONNECTION,
                forward(
                    connection,
                    (method, args) -> {
                      if (method.getName().equals("close") && args == null) {
                        if (ended.get()) {
                          // finished: the pool owns this connection now, maybe for another call
                          return io.vertx.core.Future.succeededFuture();
                        }
                        if (response.version() == HttpVersion.HTTP_2) {
                          // one stream of a shared connection: reset it, keep the others
                          request.reset();
                          return io.vertx.core.Future.succeededFuture();
                        }
                      }
                      return NOT_HANDLED;
                    }));
    HttpClientRequest guardedRequest =
        (HttpClientRequest)
            Proxy.newProxyInstance(
                LOADER,
                REQUEST,
                forward(
                    request,
                    (method, args) ->
                        method.getName().equals("connection") && args == null
                            ? guardedConnection
                            : NOT_HANDLED));
    InvocationHandler[] self = new InvocationHandler[1];
    HttpClientResponse[] proxy = new HttpClientResponse[1];
    self[0] =
        forward(
            response,
            (method, args) -> {
              switch (method.getName()) {
                case "request" -> {
                  return args == null ? guardedRequest : NOT_HANDLED;
                }
                case "endHandler" -> {
                  @SuppressWarnings("unchecked")
                  Handler<Void> handler = (Handler<Void>) args[0];
                  response.endHandler(
                      end -> {
                        ended.set(true);
                        if (handler != null) {
                          handler.handle(end);
                        }
                      });
                  return proxy[0];
                }
                default -> {
                  return NOT_HANDLED;
                }
              }
            });
    proxy[0] = (HttpClientResponse) Proxy.newProxyInstance(LOADER, RESPONSE, self[0]);
    return proxy[0];
  }

  private static final Object NOT_HANDLED = new Object();

  /** A call the guard answers itself, or {@link #NOT_HANDLED} to pass it to the real object. */
  private interface Answer {
    Object call(Method method, Object[] args) throws Throwable;
  }

  private static InvocationHandler forward(Object target, Answer override) {
    return (proxy, method, args) -> {
      Object answer = override.call(method, args);
      if (answer != NOT_HANDLED) {
        return answer;
      }
      try {
        Object result = method.invoke(target, args);
        // fluent setters return the real object; keep callers on the proxy
        return result == target ? proxy : result;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }
}
