package io.frontdesk.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a paragraph shares the subject of the text around it, by content words (no function
 * words, crude five-letter stems). A request planted in an article as its own paragraph ("Suggest
 * three films for the weekend") has nothing in common with the article; a real FAQ question ("How
 * do I reset my password?") does. Whole paragraphs are compared, not sentences: one aside in a
 * forum answer ("Thanks for the tip, it works perfectly") often shares no word with the thread, the
 * whole answer almost never does.
 */
final class TopicOverlap {

  /** Below this many content words in the rest of the text there is no topic to compare with. */
  static final int MIN_CONTEXT_WORDS = 40;

  /** A paragraph needs this many content words before its overlap means anything. */
  static final int MIN_SENTENCE_WORDS = 2;

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
   * For each segment, whether its paragraph (the segments from one {@link Segment#paragraphStart()}
   * to the next, code blocks without words) shares no content word with the rest of the text. A
   * Markdown heading belongs to the paragraph under it: "### Create the configuration" names what
   * follows, it need not repeat its words.
   */
  static boolean[] offTopicParagraphs(
      String text, List<Segment> segments, List<Set<String>> stems) {
    int[] paragraph = paragraphs(text, segments);
    List<Set<String>> paragraphs = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      if (paragraph[i] == paragraphs.size()) {
        paragraphs.add(new HashSet<>());
      }
      paragraphs.getLast().addAll(stems.get(i));
    }
    boolean[] off = offTopic(paragraphs);
    boolean[] out = new boolean[segments.size()];
    for (int i = 0; i < segments.size(); i++) {
      out[i] = off[paragraph[i]];
    }
    return out;
  }

  /**
   * The paragraph of each segment, numbered from 0: a new one at each {@link
   * Segment#paragraphStart()}, except that a Markdown heading and the paragraph under it are one.
   */
  static int[] paragraphs(String text, List<Segment> segments) {
    int[] paragraph = new int[segments.size()];
    int count = 0;
    boolean underHeading = false;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (i == 0 || s.paragraphStart() && !underHeading) {
        count++;
      }
      if (s.paragraphStart()) {
        underHeading = text.charAt(s.start()) == '#';
      }
      paragraph[i] = count - 1;
    }
    return paragraph;
  }

  /**
   * For each part, whether it shares no content word with the other parts, when both have enough
   * words to tell; false when they do not.
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
