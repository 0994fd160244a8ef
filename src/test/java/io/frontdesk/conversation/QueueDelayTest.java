package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The queue delay on an executor whose threads the test plays by hand, with a clock the test moves:
 * a probe's wait is measured from its submission to its start, and a probe still waiting counts
 * with its age.
 */
class QueueDelayTest {

  private final AtomicLong nanos = new AtomicLong();
  private final QueueDelay delay = new QueueDelay(nanos::get);
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private final Executor pool = waiting::add;

  @Test
  void aProbeStillWaitingCountsWithItsAgeAndOneThatRanWithItsWait() {
    delay.probe(pool);
    advance(300);
    assertEquals(Duration.ofMillis(300), delay.current(), "the waiting probe's age");

    delay.probe(pool);
    assertEquals(1, waiting.size(), "no second probe while one waits");

    advance(200);
    waiting.remove().run();
    assertEquals(Duration.ofMillis(500), delay.current(), "the last probe waited 500 ms");

    advance(100);
    delay.probe(pool);
    waiting.remove().run();
    assertEquals(Duration.ZERO, delay.current(), "a free pool runs the probe at once");
  }

  @Test
  void anIdlePoolHasNoDelay() {
    assertEquals(Duration.ZERO, delay.current());
  }

  private void advance(long millis) {
    nanos.addAndGet(Duration.ofMillis(millis).toNanos());
  }
}
