package io.frontdesk.conversation;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Bounds a whole stream by wall time (Mutiny's own timeouts are per item). */
final class Deadline {

  private Deadline() {}

  static <T> Multi<T> bound(Multi<T> source, Duration limit, Supplier<Throwable> onExpiry) {
    return Multi.createFrom()
        .emitter(
            emitter -> {
              Cancellable subscription =
                  source.subscribe().with(emitter::emit, emitter::fail, emitter::complete);
              ScheduledFuture<?> timer =
                  Infrastructure.getDefaultWorkerPool()
                      .schedule(
                          () -> {
                            subscription.cancel();
                            emitter.fail(onExpiry.get());
                          },
                          limit.toMillis(),
                          TimeUnit.MILLISECONDS);
              emitter.onTermination(
                  () -> {
                    timer.cancel(false);
                    subscription.cancel();
                  });
            });
  }
}
