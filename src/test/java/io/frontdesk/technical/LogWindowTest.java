package io.frontdesk.technical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.toolgate.ToolRefused;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogWindowTest {

  private static final OffsetDateTime NEWEST = OffsetDateTime.parse("2026-10-31T23:13:00Z");

  @ParameterizedTest
  @CsvSource({
    "30m, 2026-10-31T22:43:00Z",
    "1h, 2026-10-31T22:13:00Z",
    "24h, 2026-10-30T23:13:00Z",
    "24H, 2026-10-30T23:13:00Z",
    "7d, 2026-10-24T23:13:00Z",
    "2w, 2026-10-17T23:13:00Z",
    "' 6 h ', 2026-10-31T17:13:00Z",
    "PT6H, 2026-10-31T17:13:00Z",
    "P1D, 2026-10-30T23:13:00Z",
    "2026-10-31T12:00:00Z, 2026-10-31T12:00:00Z",
    "2026-10-31T14:00:00+02:00, 2026-10-31T12:00:00Z",
    "2026-10-31T12:00:00, 2026-10-31T12:00:00Z",
    "2026-10-31, 2026-10-31T00:00:00Z"
  })
  void relativeDurationsCountBackFromTheNewestLogLine(String since, String expected) {
    OffsetDateTime from = LogWindow.parse(since).from(NEWEST);
    assertTrue(from.isEqual(OffsetDateTime.parse(expected)), since + " -> " + from);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"yesterday", "", "  ", "-1h", "0h", "PT0S", "10x", "1 hour ago", "99999d"})
  void anythingElseIsRefusedWithTheAcceptedForms(String since) {
    ToolRefused refused = assertThrows(ToolRefused.class, () -> LogWindow.parse(since));
    assertTrue(refused.getMessage().startsWith("since must be"), refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "10x"})
  void theRefusalNamesTheAcceptedForms(String since) {
    assertEquals(
        "since must be an ISO-8601 time such as 2026-10-31T12:00:00Z, or a duration back from the"
            + " service's newest log line such as 30m, 1h, 24h or 7d; got '"
            + since
            + "'",
        assertThrows(ToolRefused.class, () -> LogWindow.parse(since)).getMessage());
  }
}
