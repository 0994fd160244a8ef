package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The adaptive cap's steps: shrink on a long queue, grow when full and the queue is short. */
class ConcurrencyLimitTest {

  private final ConcurrencyLimit limit = new ConcurrencyLimit(16, 2000, Duration.ofMillis(200));
  private static final Duration SHORT = Duration.ofMillis(5);
  private static final Duration LONG = Duration.ofMillis(800);

  @Test
  void startsAtSixtyFourOrTheMaximumIfLower() {
    assertEquals(64, limit.initial());
    assertEquals(20, new ConcurrencyLimit(16, 20, SHORT).initial());
    assertEquals(16, new ConcurrencyLimit(16, 16, SHORT).initial());
  }

  @Test
  void aLongQueueShrinksTheCapByATenthDownToTheMinimum() {
    assertEquals(900, limit.next(1000, 1000, LONG));
    assertEquals(58, limit.next(64, 64, LONG));
    assertEquals(16, limit.next(17, 17, LONG), "at least one");
    assertEquals(16, limit.next(16, 3, LONG), "never below the minimum");
  }

  @Test
  void aShortQueueGrowsAFullCapByATenthUpToTheMaximum() {
    assertEquals(70, limit.next(64, 64, SHORT));
    assertEquals(70, limit.next(64, 58, SHORT), "90 % full counts as full");
    assertEquals(64, limit.next(64, 57, SHORT), "a cap the turns do not fill stays");
    assertEquals(17, limit.next(16, 16, SHORT), "at least one");
    assertEquals(2000, limit.next(1990, 1990, SHORT), "never above the maximum");
  }

  @Test
  void aDelayAtTheTargetIsNotTooLong() {
    assertEquals(70, limit.next(64, 64, Duration.ofMillis(200)));
  }

  @Test
  void aMinimumAboveTheMaximumIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(10, 5, SHORT));
  }
}
