package io.frontdesk.conversation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a task waits for its event loop, the longest over the loops: the threads that run the
 * HTTP and socket layers, the model streams, the database client and most of a turn's CPU. Turns
 * whose loop lags are slow however free the worker pool is (a streaming burst saturates the loops
 * first), so {@link TurnAdmission} shrinks its cap on this delay as on the worker pool's ({@link
 * WorkerQueueDelay}).
 */
@ApplicationScoped
public class EventLoopDelay {

  private final List<EventExecutor> loops = new ArrayList<>();
  private final List<QueueDelay> delays = new ArrayList<>();

  EventLoopDelay(Vertx vertx, MeterRegistry registry) {
    for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
      loops.add(loop);
      delays.add(new QueueDelay(System::nanoTime));
    }
    Gauge.builder("frontdesk.event.loop.delay", this, d -> d.current().toNanos() / 1e9)
        .description("How long a task waits for its event loop, the longest over the loops")
        .baseUnit("seconds")
        .register(registry);
  }

  /** Puts a probe on each event loop unless its last one is still waiting there. */
  void probe() {
    for (int i = 0; i < loops.size(); i++) {
      delays.get(i).probe(loops.get(i));
    }
  }

  /** The longest current delay over the loops. */
  public Duration current() {
    Duration longest = Duration.ZERO;
    for (QueueDelay delay : delays) {
      Duration d = delay.current();
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    return longest;
  }
}
