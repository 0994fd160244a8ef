package io.frontdesk.database;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * The one bridge from blocking code (langchain4j tools, memory store, guardrails: synchronous SPIs)
 * to reactive database work. It runs the work on a Vert.x duplicated context and parks the calling
 * worker or virtual thread until it completes; it refuses to run on an event loop.
 */
@ApplicationScoped
public class ReactiveBridge {

  public <T> T await(Supplier<Uni<T>> work) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("blocking database bridge called on an event-loop thread");
    }
    try {
      return VertxContextSupport.subscribeAndAwait(work);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
