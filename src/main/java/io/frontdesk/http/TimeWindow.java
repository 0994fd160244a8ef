package io.frontdesk.http;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A report's window [since, until) from query parameters, or a 400 that says what is wrong. */
public record TimeWindow(OffsetDateTime since, OffsetDateTime until) {

  /**
   * {@code since} and {@code until} as ISO-8601 dates or date-times; until defaults to now, since
   * to {@code span} before until; at most {@code max} long.
   */
  public static TimeWindow of(String since, String until, Duration span, Duration max) {
    OffsetDateTime to =
        until == null || until.isBlank()
            ? OffsetDateTime.now(ZoneOffset.UTC)
            : time(until, "until");
    OffsetDateTime from = since == null || since.isBlank() ? to.minus(span) : time(since, "since");
    if (!from.isBefore(to)) {
      throw new BadRequest("since must be before until");
    }
    if (Duration.between(from, to).compareTo(max) > 0) {
      throw new BadRequest("the window is at most " + max.toDays() + " days");
    }
    return new TimeWindow(from, to);
  }

  private static OffsetDateTime time(String value, String name) {
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException notDateTime) {
      try {
        return LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException notDate) {
        throw new BadRequest(
            name + " must be an ISO-8601 date (2026-12-01) or date-time (2026-12-01T09:00:00Z)");
      }
    }
  }
}
