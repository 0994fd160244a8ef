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

  private final Map<String, Set<Long>> windowsByPrompt = new ConcurrentHashMap<>();

  /** Score 0..1 and one finding per leaked run of at least {@value #WINDOW} words. */
  public Detection scan(String answer, String systemPrompt) {
    if (systemPrompt == null || systemPrompt.isBlank()) {
      return Detection.NONE;
    }
    Set<Long> promptWindows = windows(systemPrompt);
    Tokens tokens = Tokens.of(answer);
    int n = tokens.size() - WINDOW + 1;
    List<GuardFinding> findings = new ArrayList<>();
    int longest = 0;
    int runStart = -1;
    for (int i = 0; i <= n; i++) {
      boolean hit = i < n && promptWindows.contains(windowHash(tokens, i));
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

  private Set<Long> windows(String prompt) {
    Set<Long> cached = windowsByPrompt.get(prompt);
    if (cached != null) {
      return cached;
    }
    Tokens tokens = Tokens.of(prompt);
    Set<Long> windows = new HashSet<>();
    for (int i = 0; i + WINDOW <= tokens.size(); i++) {
      windows.add(windowHash(tokens, i));
    }
    if (windowsByPrompt.size() >= MAX_CACHED_PROMPTS) {
      // prompts are a handful of constants; anything else is a caller building them per request
      windowsByPrompt.clear();
    }
    Set<Long> frozen = Set.copyOf(windows);
    windowsByPrompt.put(prompt, frozen);
    return frozen;
  }

  private static long windowHash(Tokens tokens, int from) {
    long h = 1125899906842597L;
    for (int i = from; i < from + WINDOW; i++) {
      h = 31 * h + tokens.word(i).hashCode();
      h ^= h >>> 29;
    }
    return h;
  }
}
