package io.frontdesk.guard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An answer that reproduces the system prompt: the longest run of consecutive prompt words the
 * answer repeats (case, punctuation and spacing ignored), scored as that run's length over {@value
 * #FULL_SCORE_WORDS} words, capped at 1. The few prompts an application has are indexed once each
 * and kept. Thread-safe.
 */
public final class PromptLeakDetector {

  public static final String GUARD = "prompt-leak";

  /** Runs are found through overlapping windows of this many words. */
  static final int WINDOW = 6;

  /** A verbatim run this long scores 1.0. */
  public static final int FULL_SCORE_WORDS = 16;

  private static final int MAX_CACHED_PROMPTS = 64;

  private final Map<String, Index> indexByPrompt = new ConcurrentHashMap<>();

  /**
   * A prompt's hashed word sequences: every {@value #WINDOW}-word window, and every shorter run
   * (index 1 … {@value #WINDOW} - 1 by length) for the streaming hold.
   */
  private record Index(Set<Long> windows, List<Set<Long>> shorter) {}

  /** Score 0..1 and one finding per leaked run of at least {@value #WINDOW} words. */
  public Detection scan(String answer, String systemPrompt) {
    if (systemPrompt == null || systemPrompt.isBlank()) {
      return Detection.NONE;
    }
    Set<Long> promptWindows = index(systemPrompt).windows();
    Tokens tokens = Tokens.of(answer);
    int n = tokens.size() - WINDOW + 1;
    List<GuardFinding> findings = new ArrayList<>();
    int longest = 0;
    int runStart = -1;
    for (int i = 0; i <= n; i++) {
      boolean hit = i < n && promptWindows.contains(hash(tokens, i, WINDOW));
      if (hit && runStart < 0) {
        runStart = i;
      } else if (!hit && runStart >= 0) {
        int lastWord = i - 1 + WINDOW - 1;
        int words = lastWord - runStart + 1;
        longest = Math.max(longest, words);
        findings.add(
            new GuardFinding(
                GUARD,
                "system_prompt",
                score(words),
                tokens.start(runStart),
                tokens.end(lastWord)));
        runStart = -1;
      }
    }
    return new Detection(score(longest), findings);
  }

  private static double score(int words) {
    return Math.min(1.0, (double) words / FULL_SCORE_WORDS);
  }

  /**
   * For a streamed answer: the offset from which {@code text} must be held back because its last
   * words continue the prompt — they may be the start of a verbatim run. No word before the offset
   * can become part of a run, however the answer goes on (a word joins a run only with the words
   * after it, and the held tail is every trailing run the prompt contains); {@code text.length()}
   * when nothing needs holding. {@code text} should end with a whole word.
   */
  public int heldFrom(String text, String systemPrompt) {
    if (systemPrompt == null || systemPrompt.isBlank()) {
      return text.length();
    }
    Index index = index(systemPrompt);
    Tokens tokens = Tokens.of(text);
    int n = tokens.size();
    int held = 0;
    while (held < n && continuesPrompt(index, tokens, n - held - 1, held + 1)) {
      held++;
    }
    return held == 0 ? text.length() : tokens.start(n - held);
  }

  /**
   * Whether the last {@code length} words (from {@code from}) still follow the prompt, given that
   * the last {@code length - 1} do: a run of the prompt shorter than a window, or one more window.
   */
  private static boolean continuesPrompt(Index index, Tokens tokens, int from, int length) {
    if (length < WINDOW) {
      return index.shorter().get(length).contains(hash(tokens, from, length));
    }
    return index.windows().contains(hash(tokens, from, WINDOW));
  }

  private Index index(String prompt) {
    Index cached = indexByPrompt.get(prompt);
    if (cached != null) {
      return cached;
    }
    Tokens tokens = Tokens.of(prompt);
    List<Set<Long>> shorter = new ArrayList<>();
    for (int length = 0; length <= WINDOW; length++) {
      Set<Long> runs = new HashSet<>();
      for (int i = 0; length > 0 && i + length <= tokens.size(); i++) {
        runs.add(hash(tokens, i, length));
      }
      shorter.add(Set.copyOf(runs));
    }
    if (indexByPrompt.size() >= MAX_CACHED_PROMPTS) {
      // prompts are a handful of constants; anything else is a caller building them per request
      indexByPrompt.clear();
    }
    Index index = new Index(shorter.removeLast(), List.copyOf(shorter));
    indexByPrompt.put(prompt, index);
    return index;
  }

  private static long hash(Tokens tokens, int from, int length) {
    long h = 1125899906842597L;
    for (int i = from; i < from + length; i++) {
      h = 31 * h + tokens.word(i).hashCode();
      h ^= h >>> 29;
    }
    return h;
  }
}
