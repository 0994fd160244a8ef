package io.frontdesk.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A long message narrowed to its sentences nearest the help centre (issue 27): greetings, stories
 * and thanks are near no article, the question is near its own. The kept sentences are the text of
 * the focused full-text query, and their dense hits (best passage per document over them) the
 * focused dense ranking; {@code best} is the best sentence's similarity to its nearest passage (how
 * sure the meaning is).
 */
public record FocusedQuery(String text, List<DenseIndex.Hit> dense, double best) {

  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+|\\n+");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final int MIN_WORDS = 3;

  /** The message's sentences of at least three words (a lone "Hi," is not one), else the text. */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE.split(text)) {
      String t = s.strip();
      if (!t.isEmpty() && SPACE.split(t).length >= MIN_WORDS) {
        out.add(t);
      }
    }
    return out.isEmpty() ? List.of(text.strip()) : out;
  }

  /**
   * Keeps the sentences whose best passage is within {@code delta} of the best sentence's (in their
   * order), and ranks documents by their best passage over the kept sentences.
   *
   * @param perSentence each sentence's dense hits, best first, in the order of {@code sentences}
   */
  public static FocusedQuery of(
      List<String> sentences, List<List<DenseIndex.Hit>> perSentence, double delta, int limit) {
    double best = Double.NEGATIVE_INFINITY;
    for (List<DenseIndex.Hit> hits : perSentence) {
      best = Math.max(best, top(hits));
    }
    List<String> kept = new ArrayList<>();
    Map<String, DenseIndex.Hit> byDocument = new LinkedHashMap<>();
    for (int i = 0; i < sentences.size(); i++) {
      List<DenseIndex.Hit> hits = perSentence.get(i);
      if (hits.isEmpty() || top(hits) < best - delta) {
        continue;
      }
      kept.add(sentences.get(i));
      for (DenseIndex.Hit h : hits) {
        byDocument.merge(h.documentId(), h, (a, b) -> a.similarity() >= b.similarity() ? a : b);
      }
    }
    if (kept.isEmpty()) {
      // no sentence is near any passage: the words of the whole message still count
      return new FocusedQuery(String.join(" ", sentences), List.of(), best);
    }
    List<DenseIndex.Hit> dense =
        byDocument.values().stream()
            .sorted(Comparator.comparingDouble(DenseIndex.Hit::similarity).reversed())
            .limit(limit)
            .toList();
    return new FocusedQuery(String.join(" ", kept), dense, best);
  }

  private static double top(List<DenseIndex.Hit> hits) {
    return hits.isEmpty() ? Double.NEGATIVE_INFINITY : hits.getFirst().similarity();
  }
}
