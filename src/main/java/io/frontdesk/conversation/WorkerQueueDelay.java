package io.frontdesk.conversation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;

/**
 * How long work waits for a thread of the worker pool: the pool every turn needs for its embedding,
 * its tools and its database bridge.
 *
 * <p>An in-flight cap alone cannot see overload: with a slow model thousands of turns wait cheaply,
 * with a fast one a few hundred saturate the cores. When the cores are saturated the queue grows,
 * every admitted turn slows down, and turns run into their timeouts and become tickets. {@link
 * TurnAdmission} refuses new turns with busy while this delay (or the event loops', {@link
 * EventLoopDelay}) is over {@code frontdesk.turns.queue-delay-target} by shrinking its cap, so the
 * admitted ones finish.
 */
@Singleton
public class WorkerQueueDelay extends QueueDelay {

  WorkerQueueDelay(MeterRegistry registry) {
    super(System::nanoTime);
    Gauge.builder("frontdesk.worker.queue.delay", this, p -> p.current().toNanos() / 1e9)
        .description("How long work waits for a worker thread (the turn admission's signal)")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Puts a probe into the worker pool unless the last one is still waiting there. */
  void probe() {
    probe(Infrastructure.getDefaultWorkerPool());
  }
}
