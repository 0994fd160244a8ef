package io.frontdesk.model.transport;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * One model call (an agent's invocation, its tool rounds included) as the HTTP requests it sends,
 * so that when the call is over — given up, timed out, or cancelled with its turn — {@link
 * #close()} stops the requests it still waits for or reads at once, instead of leaving their
 * connections open for as long as the endpoint keeps sending. The AI service between the caller and
 * the model offers no way to cancel a request (langchain4j drops the client's handle), so the call
 * is carried on a Vert.x context of its own, which the AI service keeps for all its work (the way
 * Quarkus carries request state), and every request sent on that context joins the call.
 */
public final class ModelStream {

  private static final String LOCAL = ModelStream.class.getName();

  // a request sent from a handler of the call's own answer (a tool round run inline) is on the
  // model client's thread, not on the call's context
  private static final ThreadLocal<ModelStream> ANSWERING = new ThreadLocal<>();

  private final List<Exchange> open = new ArrayList<>();
  private boolean closed;

  /**
   * The call's source, subscribed on a new duplicated context of {@code vertx} that carries this
   * stream: the AI service sends every request of the call from it.
   */
  public <T> Multi<T> carry(Vertx vertx, Multi<T> source) {
    return Multi.createFrom()
        .deferred(
            () -> {
              Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
              context.putLocal(LOCAL, this);
              return source.runSubscriptionOn(
                  command -> context.runOnContext(ignored -> command.run()));
            });
  }

  /** The call whose request is being sent on this thread, or null outside any. */
  static ModelStream current() {
    ModelStream answering = ANSWERING.get();
    if (answering != null) {
      return answering;
    }
    Context context = Vertx.currentContext();
    return context == null ? null : context.getLocal(LOCAL);
  }

  /** Runs a handler of the call's answer, during which a request sent joins the call. */
  static void answering(ModelStream stream, Runnable handler) {
    if (stream == null) {
      handler.run();
      return;
    }
    ModelStream outer = ANSWERING.get();
    ANSWERING.set(stream);
    try {
      handler.run();
    } finally {
      ANSWERING.set(outer);
    }
  }

  /** Adds a request to the call; false when the call is already over (it must not be sent). */
  synchronized boolean join(Exchange exchange) {
    if (closed) {
      return false;
    }
    open.removeIf(Exchange::finished);
    open.add(exchange);
    return true;
  }

  /** Whether the call is over. */
  public synchronized boolean closed() {
    return closed;
  }

  /** The call is over: every request of it still waiting or reading is stopped. */
  public void close() {
    List<Exchange> stopping;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      stopping = List.copyOf(open);
      open.clear();
    }
    stopping.forEach(Exchange::close);
  }
}
