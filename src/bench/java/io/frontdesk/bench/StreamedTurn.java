package io.frontdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One streamed turn's events as the load generator sees them (SSE or WebSocket): time to the first
 * text, the gaps between texts, and how it ended. Resolved only on a {@code done} that says so with
 * no {@code error} before it.
 */
final class StreamedTurn {

  private final long startedAt;
  private final List<Long> gaps = new ArrayList<>();
  private long ttft = -1;
  private long last;
  private String outcome = "no_done";
  private boolean ended;

  StreamedTurn(long startedAt) {
    this.startedAt = startedAt;
  }

  /** A turn that failed before any event, e.g. on its HTTP status. */
  static StreamedTurn failed(String outcome) {
    StreamedTurn turn = new StreamedTurn(System.nanoTime());
    turn.outcome = outcome;
    turn.ended = true;
    return turn;
  }

  /** Takes the next event; true once the turn ended ({@code done}). */
  boolean on(JsonNode event) {
    String type = event.path("type").asText();
    long now = System.nanoTime();
    switch (type) {
      case "text" -> {
        if (ttft < 0) {
          ttft = now - startedAt;
        } else {
          gaps.add(now - last);
        }
        last = now;
      }
      case "error" -> outcome = "error:" + event.path("code").asText();
      case "done" -> {
        if (!outcome.startsWith("error")) {
          outcome = event.path("resolved").asBoolean() ? null : "not_resolved";
        }
        ended = true;
      }
      default -> {}
    }
    return ended;
  }

  /** Null when the turn resolved, else what went wrong. */
  String outcome() {
    return outcome;
  }

  boolean ended() {
    return ended;
  }

  /** Nanoseconds from the planned start to the first text, or -1. */
  long ttft() {
    return ttft;
  }

  List<Long> gaps() {
    return gaps;
  }
}
