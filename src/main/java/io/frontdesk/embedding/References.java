package io.frontdesk.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message as the parts that read its meaning see it (the router, the dense search): without its
 * references, the order, ticket and invoice numbers customers add ("Ref abc-12", ord_000017,
 * SKY-2026-000123, #48213). To the embedding model such a code is an unknown word that pulls a
 * short question away from every example of it: "How do I export my data?" routed at 0.90, the same
 * with "Ref abc-12" appended at 0.38 (no longer sure) and its article found at cosine 0.54 instead
 * of 0.70. The code says which record, never what the customer wants; the tools and the model still
 * see the message as written.
 */
public final class References {

  /** A word: letters, digits, and the joiners codes are written with; "#" may lead it. */
  private static final Pattern WORD =
      Pattern.compile("#?[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_-]*[\\p{L}\\p{N}])?");

  /** Words that only announce the reference after them ("Ref: abc-12", "order number 48213"). */
  private static final Set<String> LABELS =
      Set.of("ref", "refs", "reference", "references", "no", "nr", "num", "number", "id");

  /**
   * Words that name what a reference is: they stay in a sentence ("refund order ord_000017"), and
   * go with it when the two stand alone as a tag at the end of a sentence or clause ("How do I
   * export my data? Order ord_000017", "my app is down Order ord_000017").
   */
  private static final Set<String> NAMES =
      Set.of(
          "order",
          "invoice",
          "ticket",
          "case",
          "payment",
          "transaction",
          "account",
          "customer",
          "booking",
          "request",
          "my",
          "our",
          "your");

  /** What may sit between a label and its reference, or between two labels. */
  private static final Pattern BETWEEN = Pattern.compile("[\\s.:#]*");

  /** Where a tag may start or end: the text's ends, a sentence's, a clause's, a bracket. */
  private static final String TAG_BEFORE = ".?!;,:([|-\n";

  private static final String TAG_AFTER = ".?!;,:)]|\n";

  private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*]");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+([,.;:!?])");
  private static final Pattern PUNCTUATION_AFTER_END = Pattern.compile("([.!?])(?:\\s*[.,;:])+");
  private static final Pattern SPACES = Pattern.compile("\\s{2,}");
  private static final Pattern LOOSE_ENDS = Pattern.compile("^[\\s,;:.-]+|[\\s,;:-]+$");

  private References() {}

  /**
   * The text without its references and the labels in front of them (and without a tag that is only
   * a reference and what it names); the text itself when it has none, or when nothing but
   * references would be left (a reply that is only an order number).
   */
  public static String strip(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<int[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(new int[] {m.start(), m.end()});
    }
    List<int[]> cuts = new ArrayList<>();
    for (int w = 0; w < words.size(); w++) {
      if (!isReference(text.substring(words.get(w)[0], words.get(w)[1]))) {
        continue;
      }
      int first = back(text, words, w, LABELS);
      int tag = back(text, words, first, NAMES);
      int end = words.get(w)[1];
      int tagStart = words.get(tag)[0];
      // a tag starts where a sentence or clause ends, or with a capital ("... is down Order ...")
      boolean alone =
          (edge(text, tagStart, -1) || Character.isUpperCase(text.charAt(tagStart)))
              && edge(text, end, +1);
      cuts.add(new int[] {words.get(alone ? tag : first)[0], end});
    }
    if (cuts.isEmpty()) {
      return text;
    }
    StringBuilder kept = new StringBuilder();
    int from = 0;
    for (int[] cut : cuts) {
      if (cut[0] >= from) {
        kept.append(text, from, cut[0]).append(' ');
      }
      from = Math.max(from, cut[1]);
    }
    kept.append(text, from, text.length());
    String out = EMPTY_BRACKETS.matcher(kept).replaceAll(" ");
    out = SPACE_BEFORE_PUNCTUATION.matcher(out).replaceAll("$1");
    out = PUNCTUATION_AFTER_END.matcher(out).replaceAll("$1");
    out = SPACES.matcher(out).replaceAll(" ");
    out = LOOSE_ENDS.matcher(out).replaceAll("");
    return out.chars().anyMatch(Character::isLetter) ? out : text;
  }

  /** The first of the words in {@code kinds} right before word {@code w} (itself if none). */
  private static int back(String text, List<int[]> words, int w, Set<String> kinds) {
    int first = w;
    while (first > 0) {
      int[] before = words.get(first - 1);
      String word = text.substring(before[0], before[1]).toLowerCase(Locale.ROOT);
      if (!kinds.contains(word)
          && !LABELS.contains(word)
          && !(kinds == NAMES && isReference(word))) {
        break;
      }
      if (!BETWEEN.matcher(text.substring(before[1], words.get(first)[0])).matches()) {
        break;
      }
      first--;
    }
    return first;
  }

  /** Whether only spaces lie between {@code at} and the text's end or a tag boundary that way. */
  private static boolean edge(String text, int at, int direction) {
    String boundaries = direction < 0 ? TAG_BEFORE : TAG_AFTER;
    for (int i = direction < 0 ? at - 1 : at; i >= 0 && i < text.length(); i += direction) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return boundaries.indexOf(c) >= 0;
      }
    }
    return true;
  }

  /**
   * A code, not a word: led by "#" ("#4821"); five digits or more (48213, INV20240012, a UUID); or
   * letters and at least two digits joined by "-" or "_" (abc-12, TCK-1001, ord_000017). Short
   * numbers (a 502, a 2026) and words with a digit (2fa, ipv6, utf-8) stay.
   */
  static boolean isReference(String word) {
    int digits = 0;
    int letters = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      digits += Character.isDigit(c) ? 1 : 0;
      letters += Character.isLetter(c) ? 1 : 0;
    }
    if (word.startsWith("#")) {
      return digits > 0;
    }
    boolean joined = word.indexOf('-') >= 0 || word.indexOf('_') >= 0;
    return digits >= 5 || (joined && letters > 0 && digits >= 2);
  }
}
