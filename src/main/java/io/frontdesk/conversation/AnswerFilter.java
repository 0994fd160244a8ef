package io.frontdesk.conversation;

import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Output guards on the streamed answer: text is released a sentence at a time, so a card number or
 * an e-mail split across model chunks is still seen whole and redacted before it is sent.
 */
final class AnswerFilter {

  /** Held text longer than this is checked and released anyway, to keep the stream moving. */
  static final int MAX_HELD = 400;

  private final GuardPipeline guards;
  private final TurnContext turn;
  private final Supplier<String> systemPrompt;
  private final StringBuilder held = new StringBuilder();

  AnswerFilter(GuardPipeline guards, TurnContext turn, Supplier<String> systemPrompt) {
    this.guards = guards;
    this.turn = turn;
    this.systemPrompt = systemPrompt;
  }

  synchronized List<TurnEvent> accept(List<String> deltas) {
    deltas.forEach(held::append);
    int end = held.length() >= MAX_HELD ? held.length() : releasePoint();
    if (end <= 0) {
      return List.of();
    }
    String segment = held.substring(0, end);
    held.delete(0, end);
    return check(segment);
  }

  synchronized List<TurnEvent> flush() {
    String segment = held.toString();
    held.setLength(0);
    return segment.isEmpty() ? List.of() : check(segment);
  }

  /** Where safe text ends: after the last complete word, before a trailing run of risky words. */
  private int releasePoint() {
    int cut = held.length();
    while (cut > 0 && !Character.isWhitespace(held.charAt(cut - 1))) {
      cut--; // the last word may still be growing
    }
    int i = cut;
    while (i > 0) {
      int wordEnd = i;
      while (wordEnd > 0 && Character.isWhitespace(held.charAt(wordEnd - 1))) {
        wordEnd--;
      }
      int wordStart = wordEnd;
      while (wordStart > 0 && !Character.isWhitespace(held.charAt(wordStart - 1))) {
        wordStart--;
      }
      if (wordStart == wordEnd || !risky(wordStart, wordEnd)) {
        break;
      }
      cut = wordStart;
      i = wordStart;
    }
    return cut;
  }

  private boolean risky(int start, int end) {
    for (int k = start; k < end; k++) {
      char c = held.charAt(k);
      if (Character.isDigit(c) || c == '@') {
        return true;
      }
    }
    return false;
  }

  private List<TurnEvent> check(String segment) {
    GuardCheck check = guards.checkOutput(segment, systemPrompt.get());
    List<TurnEvent> out = new ArrayList<>();
    for (GuardVerdict v : check.triggered()) {
      TurnEvent.Guard event = TurnEvent.Guard.of("output", v);
      turn.record(event);
      out.add(event);
    }
    if (!check.blocked() && !check.text().isEmpty()) {
      out.add(new TurnEvent.Text(check.text()));
    }
    return out;
  }
}
