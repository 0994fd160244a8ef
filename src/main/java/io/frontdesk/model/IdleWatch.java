package io.frontdesk.model;

import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;

/**
 * The per-call timeout of a streaming agent: the stream fails with {@link CallTimedOut} when the
 * model sends nothing for {@code limit}. The clock stops while a tool runs (tools have their own
 * timeouts), so it measures the model's silence only.
 */
final class IdleWatch {

  private final CallTimer timer;
  private final Duration limit;
  private final String endpoint;

  IdleWatch(CallTimer timer, Duration limit, String endpoint) {
    this.timer = timer;
    this.limit = limit;
    this.endpoint = endpoint;
  }

  Multi<ChatEvent> watch(Multi<ChatEvent> source) {
    return Multi.createFrom()
        .emitter(
            emitter -> {
              Watch watch = new Watch();
              watch.onExpiry =
                  () -> {
                    if (watch.end()) {
                      watch.cancelSource();
                      emitter.fail(new CallTimedOut(endpoint));
                    }
                  };
              watch.arm();
              Cancellable subscription =
                  source
                      .subscribe()
                      .with(
                          event -> {
                            watch.seen(event);
                            emitter.emit(event);
                          },
                          failure -> {
                            if (watch.end()) {
                              emitter.fail(failure);
                            }
                          },
                          () -> {
                            if (watch.end()) {
                              emitter.complete();
                            }
                          });
              watch.source(subscription);
              emitter.onTermination(
                  () -> {
                    watch.end();
                    watch.cancelSource();
                  });
            });
  }

  /**
   * One stream's timer; every event restarts the clock, a running tool pauses it. The clock is a
   * timestamp, not a timer per event: one timer per stream is armed, and when it fires early (the
   * stream spoke meanwhile) it re-arms for what is left of the silence.
   */
  private final class Watch {
    private Runnable onExpiry;
    private Cancellable pending;
    private long armedFor;
    private long lastSeen;
    private Cancellable source;
    private int toolsRunning;
    private boolean ended;

    synchronized void arm() {
      lastSeen = timer.now();
      if (!ended && toolsRunning == 0 && pending == null) {
        schedule(limit);
      }
    }

    private void schedule(Duration delay) {
      long generation = ++armedFor;
      pending = timer.schedule(() -> check(generation), delay);
    }

    private void check(long generation) {
      synchronized (this) {
        if (generation != armedFor || ended || toolsRunning > 0) {
          return;
        }
        pending = null;
        long left = limit.toNanos() - (timer.now() - lastSeen);
        if (left > 0) {
          schedule(Duration.ofNanos(left));
          return;
        }
      }
      onExpiry.run();
    }

    synchronized void seen(ChatEvent event) {
      if (event instanceof ChatEvent.BeforeToolExecutionEvent) {
        toolsRunning++;
        disarm();
        return;
      }
      if (event instanceof ChatEvent.ToolExecutedEvent && toolsRunning > 0) {
        toolsRunning--;
      }
      arm();
    }

    /** Ends the watch; true for the first caller only (one terminal signal downstream). */
    synchronized boolean end() {
      disarm();
      if (ended) {
        return false;
      }
      ended = true;
      return true;
    }

    synchronized void source(Cancellable subscription) {
      source = subscription;
      if (ended) {
        subscription.cancel();
      }
    }

    void cancelSource() {
      Cancellable s;
      synchronized (this) {
        s = source;
      }
      if (s != null) {
        s.cancel();
      }
    }

    private void disarm() {
      armedFor++;
      if (pending != null) {
        pending.cancel();
        pending = null;
      }
    }
  }
}
