package io.frontdesk.conversation;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream that runs to its end whether or not anyone listens: it starts at once, keeps what it
 * emitted until its one listener arrives, and a listener that leaves (a closed connection, a
 * cancelled request) only stops listening. A turn runs on one, so what it did is always stored.
 */
final class DetachedStream<T> {

  private final List<T> unheard = new ArrayList<>();
  private MultiEmitter<? super T> listener;
  private boolean listened;
  private Throwable failure;
  private boolean completed;

  private DetachedStream() {}

  /** Starts {@code source} now; the returned stream is for its one listener. */
  static <T> Multi<T> run(Multi<T> source) {
    DetachedStream<T> stream = new DetachedStream<>();
    source.subscribe().with(stream::item, stream::failed, stream::completed);
    return Multi.createFrom().<T>emitter(stream::listen);
  }

  private synchronized void listen(MultiEmitter<? super T> emitter) {
    if (listened) {
      emitter.fail(new IllegalStateException("a turn's events have one listener"));
      return;
    }
    listened = true;
    unheard.forEach(emitter::emit);
    unheard.clear();
    if (failure != null) {
      emitter.fail(failure);
    } else if (completed) {
      emitter.complete();
    } else {
      listener = emitter;
      emitter.onTermination(this::leave);
    }
  }

  private synchronized void leave() {
    listener = null;
  }

  private synchronized void item(T item) {
    if (listener != null) {
      listener.emit(item);
    } else if (!listened) {
      unheard.add(item);
    }
  }

  private synchronized void failed(Throwable error) {
    failure = error;
    if (listener != null) {
      listener.fail(error);
    }
  }

  private synchronized void completed() {
    completed = true;
    if (listener != null) {
      listener.complete();
    }
  }
}
