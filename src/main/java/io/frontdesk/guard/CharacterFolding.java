package io.frontdesk.guard;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds the characters that disguise a word without changing how it reads: compatibility forms
 * (fullwidth "ｆｕｃｋ", mathematical bold, circled letters, ligatures) by NFKC, letters of other
 * scripts that look Latin ("Cyrillic а") by Unicode's confusables (UTS #39 skeletons, ICU4J's
 * {@link SpoofChecker}), accents and stacked marks on Latin letters, and invisible characters
 * (zero-width spaces and joiners, soft hyphens) dropped, HTML escapes ("&#8217;") decoded. Every
 * toxicity stage reads the folded text. Thread-safe; no I/O.
 */
final class CharacterFolding {

  private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

  /** Longer runs of letters are not read as a disguised Latin word (see {@link #amongLatin}). */
  private static final int LONGEST_WORD = 40;

  private CharacterFolding() {}

  /**
   * The folded text and, per folded character, its offset in {@code text}; ASCII is returned as is.
   */
  static Disguises.Normalised fold(String text) {
    if (ascii(text) && text.indexOf('&') < 0) {
      return new Disguises.Normalised(text, null);
    }
    StringBuilder out = new StringBuilder(text.length());
    int[] map = new int[text.length() * 2 + 8];
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      String folded;
      Matcher entity = cp == '&' ? ENTITY.matcher(text).region(i, text.length()) : null;
      if (entity != null && entity.lookingAt()) {
        // "Don&#8217;t": text copied out of web pages and feeds keeps its HTML escapes
        cp = entity(entity);
        width = entity.end() - i;
        folded = foldOne(cp, new String(Character.toChars(cp)), 0, out);
      } else {
        folded = foldOne(cp, text, i, out);
      }
      if (out.length() + folded.length() > map.length) {
        map = java.util.Arrays.copyOf(map, (out.length() + folded.length()) * 2);
      }
      for (int k = 0; k < folded.length(); k++) {
        map[out.length()] = i;
        out.append(folded.charAt(k));
      }
      i += width;
    }
    return new Disguises.Normalised(out.toString(), java.util.Arrays.copyOf(map, out.length()));
  }

  private static final Pattern ENTITY =
      Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));");

  private static int entity(Matcher m) {
    if (m.group(1) != null || m.group(2) != null) {
      int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
      return Character.isValidCodePoint(cp) ? cp : ' ';
    }
    return switch (m.group(3)) {
      case "amp" -> '&';
      case "lt" -> '<';
      case "gt" -> '>';
      case "quot" -> '"';
      case "apos" -> '\'';
      default -> ' ';
    };
  }

  /** What one code point at {@code at} becomes: itself, its Latin reading, or nothing. */
  private static String foldOne(int cp, String text, int at, CharSequence before) {
    if (cp < 128) {
      return String.valueOf((char) cp);
    }
    int type = Character.getType(cp);
    if (type == Character.FORMAT) {
      // zero-width space/joiner, soft hyphen, word joiner, BOM: they only split a word
      return "";
    }
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
      // accents and stacked marks ("f̶u̷c̸k") on a Latin letter; marks of other scripts stay
      return latinBefore(before) ? "" : new String(Character.toChars(cp));
    }
    String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
    if (ascii(nfkc)) {
      return nfkc;
    }
    if (!Character.isLetter(cp) || !amongLatin(text, at)) {
      return nfkc;
    }
    String latin = latin(CONFUSABLES.getSkeleton(nfkc));
    return latin.isEmpty() ? nfkc : latin;
  }

  /**
   * A look-alike letter is read as Latin only inside a word that has a Latin letter too, or whose
   * every letter looks Latin: a Russian or Greek word keeps its own letters.
   */
  private static boolean amongLatin(String text, int at) {
    int start = at;
    while (start > 0 && at - start <= LONGEST_WORD && wordChar(text.codePointBefore(start))) {
      start -= Character.charCount(text.codePointBefore(start));
    }
    int end = at;
    while (end < text.length() && end - at <= LONGEST_WORD && wordChar(text.codePointAt(end))) {
      end += Character.charCount(text.codePointAt(end));
    }
    if (end - start > LONGEST_WORD) {
      // a run this long is a script without spaces (Chinese, Thai), not one disguised word; the
      // cap also keeps a long message linear
      return false;
    }
    boolean allLookLatin = true;
    for (int i = start; i < end; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 128 && Character.isLetter(cp)) {
        return true;
      }
      if (cp >= 128 && Character.isLetter(cp)) {
        String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        allLookLatin &= ascii(nfkc) || !latin(CONFUSABLES.getSkeleton(nfkc)).isEmpty();
      }
    }
    return allLookLatin;
  }

  private static boolean wordChar(int cp) {
    return Character.isLetterOrDigit(cp)
        || Character.getType(cp) == Character.FORMAT
        || Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  /** The ASCII letters of a skeleton without its marks ("é" is "e"), or "" when it is not Latin. */
  private static String latin(String skeleton) {
    StringBuilder out = new StringBuilder(skeleton.length());
    for (int i = 0; i < skeleton.length(); i++) {
      char c = skeleton.charAt(i);
      if (c < 128 && Character.isLetterOrDigit(c)) {
        out.append(Character.toLowerCase(c));
      } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
        return "";
      }
    }
    return out.length() > 2 ? "" : out.toString();
  }

  private static boolean latinBefore(CharSequence before) {
    int n = before.length();
    return n > 0 && before.charAt(n - 1) < 128 && Character.isLetter(before.charAt(n - 1));
  }

  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }
}
