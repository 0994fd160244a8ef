package io.frontdesk.model.transport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A model stream's response as the REST client's SSE reader sees it ({@link #response()}, a proxy
 * of the real one): what the reader registers is watched, so that the {@link Exchange} learns how
 * the stream goes (its bytes, its end), a chunk the reader cannot parse fails the stream, a failure
 * that arrives before the reader listens is kept for it, and the reader's close after the end
 * leaves the connection to the pool (see {@link StreamEndGuard}). The reader registers its handlers
 * only after the response filters, which the REST client runs later, so a connection closed in
 * between reached no handler at all (Vert.x logs it as an ERROR and the stream never ends): such a
 * stream fails once the reader has read what came before the close, unless that was its end. (A
 * close with nothing before it leaves no such point: the call timeout ends that stream.)
 */
final class GuardedStream {

  private static final ClassLoader LOADER = HttpClientResponse.class.getClassLoader();
  private static final Class<?>[] RESPONSE = {HttpClientResponse.class};
  private static final Class<?>[] REQUEST = {HttpClientRequest.class};
  private static final Class<?>[] CONNECTION = {HttpConnection.class};
  private static final Object NOT_HANDLED = new Object();

  private final HttpClientResponse response;
  private final HttpClientRequest request;
  private final Exchange exchange;
  private final HttpClientResponse proxy;
  private final boolean closedUnheard;
  private boolean ended;
  private boolean checking;
  private Handler<Throwable> failures;
  private Throwable early;

  GuardedStream(HttpClientResponse response, Exchange exchange) {
    this.response = response;
    this.request = response.request();
    this.exchange = exchange;
    response.exceptionHandler(this::failed);
    closedUnheard =
        request.connection() instanceof ConnectionBase connection
            && connection.closeFuture().isComplete();
    HttpClientRequest guardedRequest = guardedRequest(guardedConnection());
    proxy =
        (HttpClientResponse)
            Proxy.newProxyInstance(
                LOADER,
                RESPONSE,
                forward(
                    response,
                    (method, args) -> onResponse(method.getName(), args, guardedRequest)));
  }

  /** The response to hand the REST client instead of the real one. */
  HttpClientResponse response() {
    return proxy;
  }

  @SuppressWarnings("unchecked")
  private Object onResponse(String method, Object[] args, HttpClientRequest guardedRequest) {
    switch (method) {
      case "request" -> {
        return args == null ? guardedRequest : NOT_HANDLED;
      }
      case "endHandler" -> {
        Handler<Void> handler = (Handler<Void>) args[0];
        response.endHandler(end -> end(handler, end));
        return proxy;
      }
      case "exceptionHandler" -> {
        listen((Handler<Throwable>) args[0]);
        return proxy;
      }
      case "handler" -> {
        Handler<Buffer> reader = (Handler<Buffer>) args[0];
        response.handler(reader == null ? null : buffer -> read(reader, buffer));
        return proxy;
      }

      default -> {
        return NOT_HANDLED;
      }
    }
  }

  private void end(Handler<Void> handler, Void end) {
    synchronized (this) {
      ended = true;
    }
    exchange.ended();
    if (handler != null) {
      handler.handle(end);
    }
  }

  private synchronized boolean ended() {
    return ended;
  }

  private void listen(Handler<Throwable> handler) {
    Throwable missed;
    synchronized (this) {
      failures = handler;
      missed = early;
      early = null;
    }
    if (handler != null && missed != null) {
      handler.handle(missed);
    }
  }

  private void failed(Throwable failure) {
    Handler<Throwable> handler;
    synchronized (this) {
      handler = failures;
      if (handler == null) {
        early = failure;
        return;
      }
    }
    handler.handle(failure);
  }

  /**
   * A piece of the body for the reader, noted by the exchange; a piece the reader cannot parse
   * fails the stream and resets it (nothing after it can be trusted).
   */
  private void read(Handler<Buffer> reader, Buffer buffer) {
    exchange.received(buffer);
    if (closedUnheard) {
      checkEndAfterQueued();
    }
    try {
      reader.handle(buffer);
    } catch (RuntimeException unreadable) {
      failed(exchange.unreadable(unreadable));
      request.reset();
    }
  }

  /**
   * The connection closed before the reader listened: once what was queued before the close has
   * reached the reader (the check runs on the response's context after the delivery under way), a
   * stream that did not end fails as Vert.x would have failed it.
   */
  private void checkEndAfterQueued() {
    synchronized (this) {
      if (checking) {
        return;
      }
      checking = true;
    }
    Runnable check =
        () -> {
          if (!ended()) {
            failed(new HttpClosedException("Connection was closed"));
          }
        };
    Context context = Vertx.currentContext();
    if (context == null) {
      check.run();
    } else {
      context.runOnContext(ignored -> check.run());
    }
  }

  /**
   * The reader closes the connection when the stream ends, by which time Vert.x may have handed it
   * to another call: after the end the close is ignored, and on HTTP/2 only this stream is reset.
   */
  private Object onConnection(String method, Object[] args) {
    if (!method.equals("close") || args != null) {
      return NOT_HANDLED;
    }
    if (ended()) {
      return Future.succeededFuture();
    }
    if (response.version() == HttpVersion.HTTP_2) {
      request.reset();
      return Future.succeededFuture();
    }
    return NOT_HANDLED;
  }

  private HttpConnection guardedConnection() {
    return (HttpConnection)
        Proxy.newProxyInstance(
            LOADER,
            CONNECTION,
            forward(request.connection(), (method, args) -> onConnection(method.getName(), args)));
  }

  private HttpClientRequest guardedRequest(HttpConnection connection) {
    return (HttpClientRequest)
        Proxy.newProxyInstance(
            LOADER,
            REQUEST,
            forward(
                request,
                (method, args) ->
                    method.getName().equals("connection") && args == null
                        ? connection
                        : NOT_HANDLED));
  }

  /** A call the guard answers itself, or {@link #NOT_HANDLED} to pass it to the real object. */
  private interface Answer {
    Object call(Method method, Object[] args) throws Throwable;
  }

  private static InvocationHandler forward(Object target, Answer override) {
    return (self, method, args) -> {
      Object answer = override.call(method, args);
      if (answer != NOT_HANDLED) {
        return answer;
      }
      try {
        Object result = method.invoke(target, args);
        // fluent setters return the real object; keep callers on the proxy
        return result == target ? self : result;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }
}
