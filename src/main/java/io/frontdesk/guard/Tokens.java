package io.frontdesk.guard;

import java.util.Arrays;

/**
 * The words of a text, folded so that spelling tricks do not hide them: lower case, accents and
 * Cyrillic/Greek look-alikes mapped to Latin letters, invisible characters dropped, and digits
 * inside words read as the letters they imitate ("1gn0re" is "ignore"). Each word keeps its
 * character offsets in the original text.
 */
final class Tokens {

  private final String[] words;
  private final int[] starts;
  private final int[] ends;

  private Tokens(String[] words, int[] starts, int[] ends) {
    this.words = words;
    this.starts = starts;
    this.ends = ends;
  }

  static Tokens of(String text) {
    int capacity = Math.max(8, text.length() / 4);
    String[] words = new String[capacity];
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    int count = 0;
    StringBuilder word = new StringBuilder(24);
    boolean letters = false;
    boolean digits = false;
    int start = -1;
    int length = text.length();
    for (int i = 0; i <= length; i++) {
      char c = i < length ? text.charAt(i) : ' ';
      if (isInvisible(c)) {
        continue;
      }
      char folded = fold(c);
      boolean inWord =
          folded != 0
              || (c == '\'' || c == '’') && start >= 0 && i + 1 < length && isWordChar(text, i + 1);
      if (inWord) {
        if (start < 0) {
          start = i;
        }
        if (folded != 0) {
          word.append(folded);
          letters |= Character.isLetter(folded);
          digits |= folded >= '0' && folded <= '9';
        }
        continue;
      }
      if (start >= 0) {
        if (count == words.length) {
          int grown = count * 2;
          words = Arrays.copyOf(words, grown);
          starts = Arrays.copyOf(starts, grown);
          ends = Arrays.copyOf(ends, grown);
        }
        words[count] = letters && digits ? leet(word) : word.toString();
        starts[count] = start;
        ends[count] = i;
        count++;
        word.setLength(0);
        letters = false;
        digits = false;
        start = -1;
      }
    }
    return new Tokens(
        Arrays.copyOf(words, count), Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
  }

  /**
   * The same words with {@code reading} applied to each (null keeps the word), at the same offsets;
   * this instance when no word changed.
   */
  Tokens read(java.util.function.UnaryOperator<String> reading) {
    String[] read = null;
    for (int i = 0; i < words.length; i++) {
      String other = reading.apply(words[i]);
      if (other != null && !other.equals(words[i])) {
        if (read == null) {
          read = words.clone();
        }
        read[i] = other;
      }
    }
    return read == null ? this : new Tokens(read, starts, ends);
  }

  int size() {
    return words.length;
  }

  String word(int i) {
    return words[i];
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  private static boolean isWordChar(String text, int i) {
    return fold(text.charAt(i)) != 0;
  }

  private static boolean isInvisible(char c) {
    return c == '\u200b'
        || c == '\u200c'
        || c == '\u200d'
        || c == '\u2060'
        || c == '\ufeff'
        || c == '\u00ad';
  }

  /** The folded letter or digit for one character, or 0 when it is not part of a word. */
  static char fold(char c) {
    if (c < 128) {
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
        return c;
      }
      if (c >= 'A' && c <= 'Z') {
        return (char) (c + 32);
      }
      return 0;
    }
    return switch (c) {
      case 'а', 'А', 'α', 'Α', 'à', 'á', 'â', 'ã', 'ä', 'å', 'À', 'Á', 'Â', 'Ã', 'Ä', 'Å' -> 'a';
      case 'е', 'Е', 'ε', 'Ε', 'è', 'é', 'ê', 'ë', 'È', 'É', 'Ê', 'Ë' -> 'e';
      case 'о', 'О', 'ο', 'Ο', 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', 'Ø' -> 'o';
      case 'і', 'І', 'ι', 'Ι', 'ì', 'í', 'î', 'ï', 'Ì', 'Í', 'Î', 'Ï', 'ı' -> 'i';
      case 'р', 'Р', 'ρ', 'Ρ' -> 'p';
      case 'с', 'С', 'ç', 'Ç' -> 'c';
      case 'у', 'У', 'ù', 'ú', 'û', 'ü', 'Ù', 'Ú', 'Û', 'Ü' -> 'u';
      case 'х', 'Х', 'χ', 'Χ' -> 'x';
      case 'ѕ', 'Ѕ' -> 's';
      case 'ԁ' -> 'd';
      case 'ɡ' -> 'g';
      case 'ɴ' -> 'n';
      case 'ñ', 'Ñ' -> 'n';
      case 'ý', 'ÿ', 'Ý' -> 'y';
      case 'ß' -> 's';
      default -> Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
    };
  }

  /** Digits standing in for letters inside a word: "1gn0r3" reads "ignore". */
  private static String leet(CharSequence word) {
    int body = word.length();
    while (body > 0 && Character.isDigit(word.charAt(body - 1))) {
      body--;
    }
    boolean digitInBody = false;
    for (int i = 0; i < body; i++) {
      digitInBody |= Character.isDigit(word.charAt(i));
    }
    // "base64", "rot13", "win10": a number after the word is a name, not disguise
    if (!digitInBody || word.length() < 3) {
      return word.toString();
    }
    StringBuilder out = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      out.append(
          switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            default -> c;
          });
    }
    return out.toString();
  }
}
