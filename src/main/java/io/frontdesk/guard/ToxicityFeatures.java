package io.frontdesk.guard;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The features of the toxicity model, shared by training and detection so they can never drift
 * apart: folded words and word pairs, after dropping what only says "this came from Twitter"
 * (links, @handles, "RT", HTML entities) and squeezing stretched letters ("fuuuck" is "fuuck").
 */
public final class ToxicityFeatures {

  private static final Pattern NOISE =
      Pattern.compile("https?://\\S+|www\\.\\S+|@\\w+|&#?\\w+;|\\bRT\\b");
  private static final Pattern MASKED = Pattern.compile("(?<=\\p{L})[*#@$!%]+(?=\\p{L})");

  private ToxicityFeatures() {}

  /** A word and its position in the text, for pointing at what made a message toxic. */
  record Word(String word, int start, int end) {}

  /** Feature names ({@code w:word}, {@code b:word_word}) present in the text, in text order. */
  public static Set<String> of(String text) {
    return of(words(text));
  }

  static Set<String> of(java.util.List<Word> words) {
    Set<String> out = new LinkedHashSet<>();
    String previous = null;
    for (Word w : words) {
      out.add("w:" + w.word());
      if (previous != null) {
        out.add("b:" + previous + "_" + w.word());
      }
      previous = w.word();
    }
    return out;
  }

  static java.util.List<Word> words(String text) {
    String cleaned = NOISE.matcher(text).replaceAll(" ");
    // "f*ck", "b!tch": the masking characters join the word instead of splitting it
    cleaned = MASKED.matcher(cleaned).replaceAll("");
    Tokens tokens = Tokens.of(cleaned);
    java.util.List<Word> out = new java.util.ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      out.add(new Word(squeeze(tokens.word(i)), tokens.start(i), tokens.end(i)));
    }
    return out;
  }

  private static String squeeze(String word) {
    StringBuilder out = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      int n = out.length();
      if (n >= 2 && out.charAt(n - 1) == c && out.charAt(n - 2) == c) {
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }
}
