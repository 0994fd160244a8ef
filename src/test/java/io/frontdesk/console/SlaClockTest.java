package io.frontdesk.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SLA timers from a ticket's opening, the tier's and priority's targets. */
class SlaClockTest {

  private static final OffsetDateTime OPENED =
      OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);

  private final SlaClock clock =
      new SlaClock(
          Map.of("pro", Map.of("high", Duration.ofHours(1))),
          Map.of("pro", Map.of("high", Duration.ofHours(24), "low", Duration.ofHours(72))));

  @Test
  void anUnansweredTicketIsDueForItsFirstResponseBeforeItsResolution() {
    SlaClock.Due due = clock.due("pro", "high", "open", OPENED, null);
    assertEquals(OPENED.plusHours(1), due.firstResponseDue());
    assertEquals(OPENED.plusHours(24), due.resolutionDue());
    assertEquals(OPENED.plusHours(1), due.next());
  }

  @Test
  void aFirstResponseGivenLeavesTheResolutionTimer() {
    SlaClock.Due due = clock.due("pro", "high", "pending", OPENED, OPENED.plusMinutes(5));
    assertNull(due.firstResponseDue());
    assertEquals(OPENED.plusHours(24), due.next());
  }

  @Test
  void aPairWithoutATargetAResolvedConversationAndOneWithoutTicketHaveNoTimer() {
    assertNull(clock.due("pro", "low", "open", OPENED, null).firstResponseDue());
    assertEquals(OPENED.plusHours(72), clock.due("pro", "low", "open", OPENED, null).next());
    assertNull(clock.due("free", "high", "open", OPENED, null).next());
    assertNull(clock.due("pro", "high", "resolved", OPENED, null).next());
    assertNull(clock.due("pro", "high", "open", null, null).next());
  }
}
