package io.frontdesk.console;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * The service-level timers of one conversation: from its open ticket, a first human response is due
 * after the tier and priority's first-response target, its resolution after the resolution target;
 * a target met (or not configured) has no due time.
 */
final class SlaClock {

  /** A conversation's due times; each null when met or not applicable. */
  record Due(OffsetDateTime firstResponseDue, OffsetDateTime resolutionDue) {

    /** The earlier of the two, or null. */
    OffsetDateTime next() {
      if (firstResponseDue == null) {
        return resolutionDue;
      }
      if (resolutionDue == null) {
        return firstResponseDue;
      }
      return firstResponseDue.isBefore(resolutionDue) ? firstResponseDue : resolutionDue;
    }
  }

  private final Map<String, Map<String, Duration>> firstResponse;
  private final Map<String, Map<String, Duration>> resolution;

  SlaClock(
      Map<String, Map<String, Duration>> firstResponse,
      Map<String, Map<String, Duration>> resolution) {
    this.firstResponse = firstResponse;
    this.resolution = resolution;
  }

  /**
   * The timers of a conversation whose ticket opened at {@code from} (null: no open ticket, no
   * timers), first answered by a human at {@code firstReplyAt} (null: not yet).
   */
  Due due(
      String tier,
      String priority,
      String status,
      OffsetDateTime from,
      OffsetDateTime firstReplyAt) {
    if (from == null || "resolved".equals(status)) {
      return new Due(null, null);
    }
    OffsetDateTime reply =
        firstReplyAt != null
            ? null
            : target(firstResponse, tier, priority).map(from::plus).orElse(null);
    OffsetDateTime resolve = target(resolution, tier, priority).map(from::plus).orElse(null);
    return new Due(reply, resolve);
  }

  private static Optional<Duration> target(
      Map<String, Map<String, Duration>> targets, String tier, String priority) {
    Map<String, Duration> perPriority = targets.get(tier);
    return perPriority == null ? Optional.empty() : Optional.ofNullable(perPriority.get(priority));
  }
}
