package io.frontdesk.agent.provider;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Schedules the model call timeouts (a test can bring them forward). */
@ApplicationScoped
public class CallTimer {

  /** Runs {@code expiry} once {@code limit} has passed, unless cancelled first. */
  protected Cancellable schedule(Runnable expiry, Duration limit) {
    ScheduledFuture<?> timer =
        Infrastructure.getDefaultWorkerPool()
            .schedule(expiry, limit.toMillis(), TimeUnit.MILLISECONDS);
    return () -> timer.cancel(false);
  }
}
