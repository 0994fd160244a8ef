package io.frontdesk.conversation;

import io.frontdesk.model.Timers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** Bounds a whole stream by wall time (Mutiny's own timeouts are per item). */
@Singleton
public class Deadline {

  private final Timers timers;

  Deadline(Timers timers) {
    this.timers = timers;
  }

  /**
   * The source, failed with {@code onExpiry}'s failure once {@code limit} has passed; {@code
   * onExpiry} runs before the source is cancelled, so it can stop work the cancellation cannot.
   */
  public <T> Multi<T> bound(Multi<T> source, Duration limit, Supplier<Throwable> onExpiry) {
    return Multi.createFrom()
        .emitter(
            emitter -> {
              Cancellable subscription =
                  source.subscribe().with(emitter::emit, emitter::fail, emitter::complete);
              AtomicBoolean expired = new AtomicBoolean();
              Cancellable timer =
                  schedule(
                      () -> {
                        if (expired.compareAndSet(false, true)) {
                          Throwable failure = onExpiry.get();
                          subscription.cancel();
                          emitter.fail(failure);
                        }
                      },
                      limit);
              emitter.onTermination(
                  () -> {
                    timer.cancel();
                    subscription.cancel();
                  });
            });
  }

  /** Runs {@code expiry} once {@code limit} has passed, unless cancelled first. */
  protected Cancellable schedule(Runnable expiry, Duration limit) {
    return timers.schedule(expiry, limit);
  }
}
