package io.frontdesk.conversation;

import java.time.Duration;

/**
 * The adaptive cap on customer turns in flight, from the queue delay (the worker pool's {@link
 * WorkerQueueDelay} or the event loops' {@link EventLoopDelay}, the longer): while work waits
 * longer than the target the cap shrinks by a tenth per tick (the cores are saturated: more turns
 * at once only make every turn slower until they all run into their timeouts); while it does not
 * and the turns fill the cap, the cap grows by a tenth (at least one) up to the configured maximum.
 * It starts at {@link #START} (or the maximum if lower), so a burst of thousands of turns on a cold
 * instance is met with busy answers rather than admitted all at once.
 */
record ConcurrencyLimit(int min, int max, Duration target) {

  static final int START = 64;

  ConcurrencyLimit {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("in-flight limits must be 1 <= min <= max");
    }
  }

  int initial() {
    return Math.max(min, Math.min(max, START));
  }

  /** The cap after one tick that measured {@code delay} with {@code inFlight} turns running. */
  int next(int limit, int inFlight, Duration delay) {
    if (delay.compareTo(target) > 0) {
      return Math.max(min, limit - Math.max(1, limit / 10));
    }
    if (inFlight * 10 >= limit * 9) {
      return Math.min(max, limit + Math.max(1, limit / 10));
    }
    return limit;
  }
}
