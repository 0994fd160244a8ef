package io.frontdesk.conversation;

import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardFinding;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.turn.TurnEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Output guards on the streamed answer: the stream never carries what the check of the whole answer
 * would block or redact. Text is held while it may still turn out to be personal data (a trailing
 * run of words with digits or {@code @}, a card number split across model chunks) or the start of a
 * verbatim run of the system prompt (a run only becomes a leak after many words, so the words that
 * continue the prompt wait until the answer leaves it). An answer that leaks the prompt is withheld
 * from then on; the whole-answer check refuses it. A turn nobody watches stream (a REST inquiry) is
 * checked once per model response, when it ends, instead of on every chunk.
 */
final class AnswerFilter {

  /** Held text longer than this is partly released, to keep the stream moving. */
  static final int MAX_HELD = 400;

  /**
   * What stays held when held text is released for length: longer than any personal-data value (a
   * card, an IBAN, an e-mail address), so none is cut in two.
   */
  static final int KEEP_HELD = 128;

  private final GuardPipeline guards;
  private final TurnContext turn;
  private final Supplier<String> systemPrompt;
  private final StringBuilder held = new StringBuilder();
  private final boolean streamed;
  private boolean withholding;
  private boolean withheld;

  AnswerFilter(GuardPipeline guards, TurnContext turn, Supplier<String> systemPrompt) {
    this(guards, turn, systemPrompt, true);
  }

  /**
   * @param streamed whether the answer is shown as it grows; if not, it is held whole until the
   *     model response ends, and checked then
   */
  AnswerFilter(
      GuardPipeline guards, TurnContext turn, Supplier<String> systemPrompt, boolean streamed) {
    this.guards = guards;
    this.turn = turn;
    this.systemPrompt = systemPrompt;
    this.streamed = streamed;
  }

  synchronized List<TurnEvent> accept(List<String> deltas) {
    deltas.forEach(held::append);
    if (!streamed) {
      return List.of();
    }
    if (withholding) {
      held.setLength(0);
      return List.of();
    }
    String text = held.toString();
    String prompt = systemPrompt.get();
    if (guards.leakBlocks(text, prompt)) {
      return withhold(text, prompt);
    }
    int words = wholeWords();
    int end = held.length() >= MAX_HELD ? lengthCut(text) : releasePoint(words);
    end = Math.min(end, guards.leakSafeEnd(text.substring(0, words), prompt));
    end = outsidePersonalData(text, end);
    if (end <= 0) {
      return List.of();
    }
    String segment = held.substring(0, end);
    held.delete(0, end);
    return check(segment);
  }

  /** The model response ended: whatever is held is checked and sent. */
  synchronized List<TurnEvent> flush() {
    String segment = held.toString();
    held.setLength(0);
    List<TurnEvent> events = List.of();
    if (!withholding && !segment.isEmpty()) {
      String prompt = systemPrompt.get();
      events = guards.leakBlocks(segment, prompt) ? withhold(segment, prompt) : check(segment);
    }
    withheld = withholding;
    withholding = false;
    return events;
  }

  /** The model response broke off: what is held is dropped, never checked nor sent. */
  synchronized void discard() {
    held.setLength(0);
    withholding = false;
  }

  /**
   * Whether the stream withheld the last finished answer for a leak (its guard event is already
   * sent, so the whole-answer check does not send another).
   */
  synchronized boolean withheld() {
    return withheld;
  }

  /**
   * The answer leaks the prompt: its guard events go out, the text does not, nor anything after.
   */
  private List<TurnEvent> withhold(String text, String prompt) {
    held.setLength(0);
    withholding = true;
    List<TurnEvent> out = new ArrayList<>();
    for (GuardVerdict v : guards.checkOutput(text, prompt, turn.readerContacts()).triggered()) {
      TurnEvent.Guard event = v.event("output");
      turn.record(event);
      out.add(event);
    }
    return out;
  }

  /** The end of the last whole word: a word with no whitespace after it may still be growing. */
  private int wholeWords() {
    int cut = held.length();
    while (cut > 0 && !Character.isWhitespace(held.charAt(cut - 1))) {
      cut--;
    }
    return cut;
  }

  /** Where safe text ends: after the last whole word, before a trailing run of risky words. */
  private int releasePoint(int words) {
    int cut = words;
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

  /** Held text too long: all but the newest {@value #KEEP_HELD} characters, at a word break. */
  private static int lengthCut(String text) {
    int keepFrom = text.length() - KEEP_HELD;
    int cut = keepFrom;
    while (cut > 0 && !Character.isWhitespace(text.charAt(cut - 1))) {
      cut--;
    }
    return cut > 0 ? cut : keepFrom; // one endless word: cut inside it
  }

  /**
   * Moves a cut out of any personal data the whole-answer check would find: before it, or after a
   * complete one that starts the text (it is then redacted as a whole).
   */
  private int outsidePersonalData(String text, int cut) {
    if (cut <= 0) {
      return cut;
    }
    for (GuardFinding f : guards.personalData(text, turn.readerContacts())) {
      if (f.start() < cut && cut < f.end()) {
        cut = f.start() > 0 || f.end() >= text.length() ? f.start() : f.end();
      }
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
    GuardCheck check = guards.checkOutput(segment, systemPrompt.get(), turn.readerContacts());
    List<TurnEvent> out = new ArrayList<>();
    for (GuardVerdict v : check.triggered()) {
      TurnEvent.Guard event = v.event("output");
      turn.record(event);
      out.add(event);
    }
    if (!check.blocked() && !check.text().isEmpty()) {
      out.add(new TurnEvent.Text(check.text()));
    }
    return out;
  }
}
