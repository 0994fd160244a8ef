package io.frontdesk.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the spellings that hide a word from a word model: symbols for letters ("PU$$Y", "b!tch",
 * "a55hole"), masked letters ("F**K", "sh*t"), spaced or dotted letters ("f u c k", "c.u.n.t") and
 * stretched letters ("fuuuuck"). A disguised word is resolved against a vocabulary (the toxicity
 * model's own toxic words, so nothing is listed here): a masked letter matches any letter, a symbol
 * the letter it imitates, and the word is replaced only when the result is in the vocabulary.
 * Thread-safe; no I/O.
 */
final class Disguises {

  /**
   * A normalised text and, for each of its characters, the offset it came from ({@code toOriginal}
   * null: the text is the original).
   */
  record Normalised(String text, int[] toOriginal) {
    /** The original offset of normalised offset {@code i} (the end maps to the original end). */
    int original(int i, int originalLength) {
      if (toOriginal == null) {
        return Math.min(i, originalLength);
      }
      return i >= toOriginal.length ? originalLength : toOriginal[i];
    }

    /** This text's offsets carried back through {@code earlier}, the step that made its input. */
    Normalised after(Normalised earlier, int originalLength) {
      if (earlier.toOriginal() == null) {
        return this;
      }
      int[] out = new int[text.length()];
      int inputLength = earlier.text().length();
      for (int i = 0; i < out.length; i++) {
        out[i] = earlier.original(original(i, inputLength), originalLength);
      }
      return new Normalised(text, out);
    }
  }

  /** Runs of three or more single letters (or symbols) split by the same spaces, dots or dashes. */
  private static final Pattern SPACED =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}*$@!])[\\p{L}*$@!]([ .\\-_]{1,3})[\\p{L}*$@!](?:\\1[\\p{L}*$@!]){1,20}"
              + "(?![\\p{L}\\p{N}*$@!])");

  /**
   * A word with symbols or digits among its letters, or a run of letters (checked if stretched).
   */
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}*$@!#%+€|]+");

  private static final String[] SUFFIXES = {"", "s", "ing", "in", "er", "ers", "ed", "y", "head"};

  private final Map<Integer, List<String>> byLength = new HashMap<>();
  private final java.util.Set<String> vocabulary;

  /**
   * {@code vocabulary}: lower-case words, most telling first (a masked word takes the first fit).
   */
  Disguises(Collection<String> vocabulary) {
    this.vocabulary = new java.util.HashSet<>(vocabulary);
    for (String word : vocabulary) {
      byLength.computeIfAbsent(word.length(), k -> new ArrayList<>()).add(word);
    }
  }

  /** The text with every disguised vocabulary word spelled out, lower-cased where it changed. */
  Normalised normalise(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<Integer> map = new ArrayList<>(text.length());
    int cursor = 0;
    Matcher spaced = SPACED.matcher(text);
    while (spaced.find()) {
      String joined = spaced.group().replaceAll("[ .\\-_]", "");
      String resolved = resolve(joined);
      if (resolved == null && !isPlainWord(joined)) {
        continue;
      }
      copy(text, cursor, spaced.start(), out, map);
      // "f u c k" reads "fuck" even when no vocabulary word fits ("y o u" reads "you")
      String word = resolved != null ? resolved : joined.toLowerCase(Locale.ROOT);
      emit(word, spaced.start(), spaced.end(), out, map);
      cursor = spaced.end();
    }
    copy(text, cursor, text.length(), out, map);
    if (cursor == 0 && !needsWordPass(text)) {
      return new Normalised(text, null);
    }
    return words(out.toString(), map);
  }

  private Normalised words(String text, List<Integer> map) {
    StringBuilder out = new StringBuilder(text.length());
    List<Integer> outMap = new ArrayList<>(text.length());
    int cursor = 0;
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      int start = m.start();
      // "hoe!", "yes!!": a '!' or '#' after the word ends a sentence or starts a tag, no letter
      int end = m.end() - trailingPunctuation(m.group());
      String token = text.substring(start, end);
      if (!suspicious(token)
          || partOfCode(text, start, end)
          || looksLikeAddress(text, start, end) && !atForA(token, start, text)) {
        continue;
      }
      String resolved = resolve(token);
      if (resolved == null) {
        continue;
      }
      for (int i = cursor; i < start; i++) {
        out.append(text.charAt(i));
        outMap.add(map.get(i));
      }
      for (int i = 0; i < resolved.length(); i++) {
        out.append(resolved.charAt(i));
        outMap.add(map.get(Math.min(end - 1, start + i)));
      }
      cursor = end;
    }
    for (int i = cursor; i < text.length(); i++) {
      out.append(text.charAt(i));
      outMap.add(map.get(i));
    }
    return new Normalised(out.toString(), outMap.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The vocabulary word (with a common ending) that {@code token} spells, or null: symbols read as
   * the letters they imitate, masks as any letter, stretched letters squeezed.
   */
  String resolve(String token) {
    String lower = token.toLowerCase(Locale.ROOT);
    for (String reading : readings(lower)) {
      String fit = fit(reading);
      if (fit != null) {
        return fit;
      }
      String squeezed = squeeze(reading, 1);
      if (!squeezed.equals(reading)) {
        fit = fit(squeezed);
        if (fit != null) {
          return fit;
        }
      }
    }
    return null;
  }

  /** The token with symbols read as letters, and as masks (one letter each). */
  private static List<String> readings(String token) {
    StringBuilder letters = new StringBuilder(token.length());
    StringBuilder masked = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      char letter =
          switch (c) {
            case '0' -> 'o';
            case '1', '!', '|' -> 'i';
            case '3', '€' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7', '+' -> 't';
            case '8' -> 'b';
            case '*', '#', '%' -> '?';
            default -> c;
          };
      letters.append(letter);
      masked.append(c == '!' || c == '@' || c == '$' || c == '|' ? '?' : letter);
    }
    String a = squeeze(letters.toString(), 2);
    String b = squeeze(masked.toString(), 2);
    return a.equals(b) ? List.of(a) : List.of(a, b);
  }

  /**
   * The first vocabulary word (plus a common ending) that the reading spells; '?' is any letter.
   */
  private String fit(String reading) {
    if (reading.indexOf('?') < 0) {
      for (String suffix : SUFFIXES) {
        if (reading.endsWith(suffix) && vocabulary.contains(stem(reading, suffix))) {
          return reading;
        }
      }
      return null;
    }
    int known = 0;
    for (int i = 0; i < reading.length(); i++) {
      known += Character.isLetter(reading.charAt(i)) ? 1 : 0;
    }
    if (known < 1 || known * 2 < reading.length() - 1 && reading.length() > 4) {
      return null;
    }
    for (String suffix : SUFFIXES) {
      if (!reading.endsWith(suffix) || reading.length() - suffix.length() < 3) {
        continue;
      }
      String stem = stem(reading, suffix);
      for (String word : byLength.getOrDefault(stem.length(), List.of())) {
        if (matches(stem, word)) {
          return word + suffix;
        }
      }
    }
    return null;
  }

  private static String stem(String word, String suffix) {
    return word.substring(0, word.length() - suffix.length());
  }

  private static boolean matches(String pattern, String word) {
    for (int i = 0; i < pattern.length(); i++) {
      char p = pattern.charAt(i);
      if (p != '?' && p != word.charAt(i)) {
        return false;
      }
    }
    return pattern.charAt(0) != '?' || pattern.charAt(pattern.length() - 1) != '?';
  }

  /** How many of the token's last characters are '!' or '#' (all of them: none is stripped). */
  private static int trailingPunctuation(String token) {
    int n = 0;
    while (n < token.length() && "!#".indexOf(token.charAt(token.length() - 1 - n)) >= 0) {
      n++;
    }
    return n == token.length() ? 0 : n;
  }

  /** A token worth resolving: symbols or digits among letters, or a letter repeated 3 times. */
  private static boolean suspicious(String token) {
    boolean letter = false;
    boolean other = false;
    int run = 1;
    boolean stretched = false;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (Character.isLetter(c)) {
        letter = true;
      } else {
        other = true;
      }
      run =
          i > 0 && Character.toLowerCase(token.charAt(i - 1)) == Character.toLowerCase(c)
              ? run + 1
              : 1;
      stretched |= run >= 3 && Character.isLetter(c);
    }
    return letter && (other || stretched) && token.length() <= 20;
  }

  private static boolean needsWordPass(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*'
          || c == '$'
          || c == '@'
          || c == '!'
          || c == '#'
          || c == '%'
          || c == '|'
          || c == '€'
          || c == '+'
          || Character.isDigit(c)) {
        return true;
      }
      if (i >= 2 && c == text.charAt(i - 1) && c == text.charAt(i - 2) && Character.isLetter(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * "@sshole": a leading '@' read as 'a' spells a vocabulary word, so it is a disguise, not a
   * handle (a handle's name is rarely a toxic word with its first letter swapped for '@').
   */
  private boolean atForA(String token, int start, String text) {
    if (token.length() < 4 || token.charAt(0) != '@' || start > 0 && text.charAt(start - 1) > ' ') {
      return false;
    }
    String reading = "a" + token.substring(1).toLowerCase(Locale.ROOT);
    return reading.chars().allMatch(Character::isLetter) && fit(reading) != null;
  }

  /**
   * A part of an order number or reference ("A55-1234", "ref 1234-B1TCH"): joined by '-', '_' or
   * '/' to a number, so it is a code, not a disguised word.
   */
  private static boolean partOfCode(String text, int start, int end) {
    boolean after =
        end + 1 < text.length()
            && "-_/".indexOf(text.charAt(end)) >= 0
            && Character.isDigit(text.charAt(end + 1));
    boolean before =
        start >= 2
            && "-_/".indexOf(text.charAt(start - 1)) >= 0
            && Character.isDigit(text.charAt(start - 2));
    return after || before;
  }

  /** An e-mail address, handle or URL part: not a disguised word. */
  private static boolean looksLikeAddress(String text, int start, int end) {
    String token = text.substring(start, end);
    int at = token.indexOf('@');
    if (at == 0
        || end < text.length()
            && (text.charAt(end) == '.' || text.charAt(end) == '@')
            && end + 1 < text.length()
            && Character.isLetterOrDigit(text.charAt(end + 1))) {
      return true;
    }
    return start > 0 && (text.charAt(start - 1) == '@' || text.charAt(start - 1) == '/');
  }

  private static boolean isPlainWord(String joined) {
    for (int i = 0; i < joined.length(); i++) {
      if (!Character.isLetter(joined.charAt(i))) {
        return false;
      }
    }
    return joined.length() >= 3;
  }

  private static String squeeze(String word, int keep) {
    StringBuilder out = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      int n = out.length();
      boolean repeat = true;
      for (int k = 1; k <= keep; k++) {
        repeat &= n >= k && out.charAt(n - k) == c;
      }
      if (repeat && c != '?') {
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static void copy(String text, int from, int to, StringBuilder out, List<Integer> map) {
    for (int i = from; i < to; i++) {
      out.append(text.charAt(i));
      map.add(i);
    }
  }

  private static void emit(String word, int start, int end, StringBuilder out, List<Integer> map) {
    for (int i = 0; i < word.length(); i++) {
      out.append(word.charAt(i));
      map.add(Math.min(end - 1, start + i));
    }
  }
}
