package io.frontdesk.technical;

import io.frontdesk.toolgate.ToolRefused;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a log window starts, as the model wrote it: an ISO-8601 time, or a duration ("30m", "24h",
 * "7d", "2w", "PT6H") counted back from a reference time.
 */
record LogWindow(OffsetDateTime at, Duration back) {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,5})\\s*([mhdw])");
  private static final Duration LONGEST = Duration.ofDays(3660);

  static LogWindow parse(String since) {
    String text = since == null ? "" : since.strip();
    Matcher m = SHORT.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration unit =
          switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
          };
      return relative(unit.multipliedBy(n), text);
    }
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return relative(Duration.parse(text), text);
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    try {
      return new LogWindow(OffsetDateTime.parse(text), null);
    } catch (DateTimeParseException notOffset) {
      // A time without an offset, or a bare date, is read as UTC, the zone every log line uses.
      try {
        return new LogWindow(LocalDateTime.parse(text).atOffset(ZoneOffset.UTC), null);
      } catch (DateTimeParseException notLocal) {
        try {
          return new LogWindow(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC), null);
        } catch (DateTimeParseException notDate) {
          throw invalid(text);
        }
      }
    }
  }

  /** The first instant of the window; a duration counts back from {@code reference}. */
  OffsetDateTime from(OffsetDateTime reference) {
    return at != null ? at : reference.minus(back);
  }

  private static LogWindow relative(Duration back, String text) {
    if (back.isZero() || back.isNegative() || back.compareTo(LONGEST) > 0) {
      throw new ToolRefused(
          "since must be a duration between 1 minute and 10 years, got '%s'".formatted(text));
    }
    return new LogWindow(null, back);
  }

  private static ToolRefused invalid(String text) {
    return new ToolRefused(
        ("since must be an ISO-8601 time such as 2026-10-31T12:00:00Z, or a duration back from the"
                + " service's newest log line such as 30m, 1h, 24h or 7d; got '%s'")
            .formatted(text));
  }
}
