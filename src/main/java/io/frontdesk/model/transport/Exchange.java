package io.frontdesk.model.transport;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import java.net.URI;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

/**
 * One HTTP request of a model call and what its response showed: whether it ended, whether it said
 * {@code data: [DONE]}, whether a chunk could not be read; and how to stop it when its call is over
 * ({@link #close()}). Bound to its request by {@link StreamEndGuard}.
 */
final class Exchange {

  // the REST client runs its request filters on the thread that sends the request, so the filter
  // finds the exchange being sent here (the thread of ReconnectingModel's call)
  private static final ThreadLocal<Exchange> SENDING = new ThreadLocal<>();

  /** The longest line start kept: enough to recognise {@code data: [DONE]}. */
  private static final int LINE_START = 16;

  private final StringBuilder line = new StringBuilder(LINE_START);
  private RestClientRequestContext request;
  private String endpoint = "(not sent)";
  private Context responseContext;
  private boolean responded;
  private boolean streamed;
  private boolean ended;
  private boolean done;
  private long bodyBytes;
  private Throwable unreadable;
  private boolean closed;

  /** Sends the request of this exchange: {@code send} runs the model client's call. */
  void send(Runnable send) {
    SENDING.set(this);
    try {
      send.run();
    } finally {
      SENDING.remove();
    }
  }

  /** The exchange whose request this thread is sending, if any. */
  static Exchange sending() {
    return SENDING.get();
  }

  synchronized void bound(RestClientRequestContext request, URI uri) {
    this.request = request;
    this.endpoint = uri.getScheme() + "://" + uri.getAuthority();
  }

  /**
   * The response's headers arrived; its events are handled on {@code context}. Only an event stream
   * is stopped when its call ends (any other body is short and read whole); a call that ended
   * meanwhile stops it now.
   */
  void responded(Context context, boolean stream) {
    boolean stop;
    synchronized (this) {
      responded = true;
      streamed = stream;
      responseContext = context;
      stop = closed && stream;
    }
    if (stop) {
      stop();
    }
  }

  /** A piece of the body arrived: counted, and its lines watched for {@code data: [DONE]}. */
  synchronized void received(Buffer buffer) {
    bodyBytes += buffer.length();
    for (int i = 0; i < buffer.length(); i++) {
      char c = (char) buffer.getByte(i);
      if (c == '\n' || c == '\r') {
        done |= isDone(line);
        line.setLength(0);
      } else if (line.length() < LINE_START) {
        line.append(c);
      }
    }
  }

  // a JSON string cannot hold a raw line break, so a line starting so is the stream's own end mark
  private static boolean isDone(CharSequence line) {
    String start = line.toString();
    return start.equals("data: [DONE]") || start.equals("data:[DONE]");
  }

  synchronized void ended() {
    ended = true;
  }

  /** A chunk of the body could not be read: the stream is broken. */
  synchronized ModelStreamBroken unreadable(Throwable cause) {
    unreadable = cause;
    return broken(cause);
  }

  /**
   * The model client completed the answer: null when it is whole (it had a finish_reason, or the
   * stream said {@code [DONE]}), else why it is not.
   */
  synchronized ModelStreamBroken cutShort(boolean finishReason) {
    if (unreadable != null) {
      return broken(unreadable);
    }
    return finishReason || done
        ? null
        : new ModelStreamBroken(
            ModelStreamBroken.How.TRUNCATED,
            endpoint,
            "its stream ended after " + bodyBytes + " bytes with no finish_reason and no [DONE]",
            null);
  }

  /**
   * What a failure of the model client means here: a broken stream when a chunk could not be read
   * or the connection closed once the stream had begun (its headers came: the endpoint took the
   * request), else the failure as it came.
   */
  synchronized Throwable explain(Throwable failure) {
    if (unreadable != null) {
      return broken(unreadable);
    }
    if (streamed && !ended && !done && ReconnectingModel.connectionClosed(failure)) {
      return new ModelStreamBroken(
          ModelStreamBroken.How.TRUNCATED,
          endpoint,
          "its connection closed after " + bodyBytes + " bytes, before the end of the answer",
          failure);
    }
    return failure;
  }

  private ModelStreamBroken broken(Throwable cause) {
    return new ModelStreamBroken(
        ModelStreamBroken.How.MALFORMED,
        endpoint,
        "its stream sent a chunk that is not JSON after " + bodyBytes + " bytes",
        cause);
  }

  /** Whether this exchange is over: its response ended, or it was stopped. */
  synchronized boolean finished() {
    return ended || closed;
  }

  /**
   * Its model call is over: a request still waiting or reading is reset (an HTTP/1.1 connection
   * closes, an HTTP/2 stream resets), a finished one is left alone (its connection is back in the
   * pool).
   */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stop();
  }

  private void stop() {
    HttpClientRequest http;
    Context context;
    synchronized (this) {
      http = request == null ? null : request.getHttpClientRequest();
      if (http == null || (responded && !streamed)) {
        // not sent yet (the response filter stops it as its headers come), or a short body
        return;
      }
      context = responded ? responseContext : null;
    }
    if (context == null) {
      // sent, no answer yet: its connection serves this request alone
      http.reset();
      return;
    }
    // on the context that handles the response, so its end cannot slip in between: a reset after
    // the end would close a connection the pool already handed to another call
    context.runOnContext(
        ignored -> {
          if (!finishedReading()) {
            http.reset();
          }
        });
  }

  private synchronized boolean finishedReading() {
    return ended;
  }
}
