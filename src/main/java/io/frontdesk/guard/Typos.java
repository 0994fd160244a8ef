package io.frontdesk.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Misspelt words read as the rule words they misspell ("ignroe" is "ignore", "instrucitons" is
 * "instructions", "pasword" is "password"): one letter dropped, doubled, swapped with its neighbour
 * or replaced (two in words of eight letters or more), the first letter kept. The vocabulary is the
 * rules' own words, so nothing is listed here; a word of the vocabulary, a short word or one that
 * two rule words fit equally is left as written. Thread-safe; no I/O.
 */
final class Typos {

  /** Shorter words are too close to too many others ("your", "youre"; "tell", "till"). */
  static final int MIN_LENGTH = 5;

  private final Set<String> vocabulary;
  private final List<String> prefixes;
  private final Map<Character, List<String>> byFirstLetter = new HashMap<>();

  /** {@code prefixes}: a word that starts with one is the rules' already ("instructions"). */
  Typos(Collection<String> words, Collection<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
    Set<String> all = new HashSet<>();
    for (String w : words) {
      if (w.length() >= MIN_LENGTH && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
        all.add(w);
        byFirstLetter.computeIfAbsent(w.charAt(0), k -> new ArrayList<>()).add(w);
      }
    }
    vocabulary = Set.copyOf(all);
  }

  /** The rule word {@code word} misspells, or null when it is none (or a word of the rules). */
  String correct(String word) {
    int n = word.length();
    if (n < MIN_LENGTH || n > 20 || vocabulary.contains(word)) {
      return null;
    }
    for (String prefix : prefixes) {
      if (word.startsWith(prefix)) {
        return null;
      }
    }
    List<String> candidates = byFirstLetter.get(word.charAt(0));
    if (candidates == null) {
      return null;
    }
    int allowed = n >= 8 ? 2 : 1;
    String best = null;
    int bestDistance = allowed + 1;
    boolean tie = false;
    for (String c : candidates) {
      if (Math.abs(c.length() - n) > allowed) {
        continue;
      }
      int d = distance(word, c, allowed);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    return best == null || tie ? null : best;
  }

  /**
   * The optimal-string-alignment distance (insertions, deletions, substitutions, swaps of
   * neighbours), or {@code limit + 1} as soon as it must exceed {@code limit}.
   */
  static int distance(String a, String b, int limit) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
    }
    return d[a.length()][b.length()];
  }
}
