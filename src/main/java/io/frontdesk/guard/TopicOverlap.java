package io.frontdesk.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much a sentence shares the subject of the text around it, by content words (no function
 * words, crude five-letter stems). A request planted in an article ("Suggest three films for the
 * weekend") has nothing in common with the article; a real FAQ question ("How do I reset my
 * password?") does.
 */
final class TopicOverlap {

  /** Below this many content words in the rest of the text there is no topic to compare with. */
  static final int MIN_CONTEXT_WORDS = 40;

  /** A sentence needs this many content words before its overlap means anything. */
  static final int MIN_SENTENCE_WORDS = 3;

  private static final Set<String> FUNCTION_WORDS = load("guard/function-words.txt");

  private TopicOverlap() {}

  /** Content-word stems of one segment's words. */
  static Set<String> stems(Tokens tokens) {
    Set<String> stems = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      String word = tokens.word(i);
      if (word.length() >= 3 && !FUNCTION_WORDS.contains(word) && !isNumber(word)) {
        stems.add(word.length() > 5 ? word.substring(0, 5) : word);
      }
    }
    return stems;
  }

  /**
   * For each segment, whether it shares no content word with the rest of the text, when both have
   * enough words to tell; false when they do not.
   */
  static boolean[] offTopic(List<Set<String>> stems) {
    Map<String, Integer> counts = new HashMap<>();
    int total = 0;
    for (Set<String> s : stems) {
      for (String stem : s) {
        counts.merge(stem, 1, Integer::sum);
      }
      total += s.size();
    }
    boolean[] out = new boolean[stems.size()];
    for (int i = 0; i < stems.size(); i++) {
      Set<String> s = stems.get(i);
      if (s.size() < MIN_SENTENCE_WORDS || total - s.size() < MIN_CONTEXT_WORDS) {
        continue;
      }
      boolean shared = false;
      for (String stem : s) {
        if (counts.get(stem) > 1) {
          shared = true;
          break;
        }
      }
      out[i] = !shared;
    }
    return out;
  }

  private static Set<String> load(String resource) {
    try (InputStream in = TopicOverlap.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing guard resource " + resource);
      }
      Set<String> words = new HashSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String word = line.strip();
        if (!word.isEmpty() && !word.startsWith("#")) {
          // folded like text words: "don't" is the token "dont"
          words.add(word.replace("'", ""));
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isNumber(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (!Character.isDigit(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
