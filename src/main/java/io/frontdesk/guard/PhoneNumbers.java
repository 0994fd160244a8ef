package io.frontdesk.guard;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers, found by Google's libphonenumber ({@code findNumbers} at leniency {@code
 * POSSIBLE}, read as written in each of {@link #REGIONS}) and then scored, since a phone number has
 * no checksum: one the library's metadata holds valid, or written with a country code, brackets or
 * the usual grouping, or with a word like "phone" next to it, is strong; a bare run of digits is
 * weak; a date, a time, an amount, or digits inside one of the company's ids ({@code
 * SKY-2026-000123}, {@code #100234}, "order 4471-2290") are none.
 */
final class PhoneNumbers {

  /**
   * The regions whose national formats are tried for a number written without a country code: US
   * numbers (the demo company's), and the UK and German plans, whose matchers between them accept
   * the European national formats (a leading 0, groups of 2-4) the others would miss.
   */
  static final List<String> REGIONS = List.of("US", "GB", "DE");

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private static final Pattern DATE_OR_TIME =
      Pattern.compile(
          "(?<!\\d)(?:(?:19|20)\\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\\d|3[01])"
              + "|(?:0?[1-9]|[12]\\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\\d{2})(?!\\d)"
              + "|\\d{1,2}:\\d{2}");

  private static final Pattern PHONE_CONTEXT_BEFORE =
      Pattern.compile(
          "(?i)\\b(phone|tel|telephone|mobile|cell|fax|desk|office|call|calls|text|sms|whatsapp"
              + "|contact|number|reach|dial|ring|messages to|registered|on|at|no\\.)\\W{0,4}$");

  private static final Pattern PHONE_CONTEXT_AFTER =
      Pattern.compile("(?i)^\\W{0,3}(office|fax|mobile|cell|home|work|phone|tel|desk)\\b");

  /** Words naming the company's own references: the digits after them are an id, not a phone. */
  private static final Pattern ID_BEFORE =
      Pattern.compile(
          "(?i)(\\b(order|invoice|ticket|case|ref|reference|id|tracking|transaction|confirmation"
              + "|receipt|booking|customer|account|payment|refund|version|build|serial|sku|part|po|sn)"
              + "\\s*(no\\.?|number|nr\\.?|num\\.?)?\\s*(is|was|[:#])?\\s*(sn\\s*)?|#\\s*)$");

  /** Letters glued between digits: a hex code ("0x80070005") or an id, not a phone number. */
  private static final Pattern GLUED_LETTERS = Pattern.compile("\\d\\p{L}+\\d");

  private static final Pattern STREET_AFTER = Pattern.compile("^ \\p{Lu}\\p{Ll}");

  private PhoneNumbers() {}

  /** A phone number's span in the text and how sure the scoring is. */
  record Found(int start, int end, double score) {}

  /** The phone numbers within {@code [from, to)} of {@code text}, each scored (0 dropped). */
  static List<Found> find(String text, int from, int to) {
    CharSequence window = text.subSequence(from, to);
    List<PhoneNumberMatch> matches = new ArrayList<>();
    for (String region : REGIONS) {
      for (PhoneNumberMatch m :
          UTIL.findNumbers(window, region, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
        matches.add(m);
      }
    }
    // one region reads "0393 1144137" whole, another only its "1144137": the longest reading wins
    matches.sort(
        java.util.Comparator.comparingInt((PhoneNumberMatch m) -> m.start() - m.end())
            .thenComparingInt(PhoneNumberMatch::start));
    List<Found> out = new ArrayList<>();
    for (PhoneNumberMatch m : matches) {
      int start = from + m.start();
      int end = from + m.end();
      if (out.stream().anyMatch(f -> f.start() < end && start < f.end())) {
        continue;
      }
      double score = score(text, start, end, UTIL.isValidNumber(m.number()), m.number());
      out.add(new Found(start, end, score));
    }
    out.removeIf(f -> f.score() <= 0);
    return out;
  }

  /**
   * Confidence that the candidate at {@code [start, end)} is a phone number: 0 when it cannot be
   * one here, low for a bare run of digits, high when valid, international, grouped as phone
   * numbers are, or named as one by the words around it.
   */
  static double score(String text, int start, int end, boolean valid, PhoneNumber number) {
    String candidate = text.substring(start, end);
    String before = text.substring(Math.max(0, start - 24), start);
    String after = text.substring(end, Math.min(text.length(), end + 12));
    int digits = 0;
    int groups = 1;
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (Character.isDigit(c)) {
        digits++;
      } else if (i > 0 && Character.isDigit(candidate.charAt(i - 1))) {
        groups++;
      }
    }
    int national = UTIL.getNationalSignificantNumber(number).length();
    if (digits < 7
        || digits > 15
        || national < 7
        || !number.hasExtension() && GLUED_LETTERS.matcher(candidate).find()
        || partOfSomethingElse(text, start, end, before, after)) {
      return 0;
    }
    boolean international = candidate.startsWith("+") || candidate.startsWith("00");
    boolean bracketed = candidate.contains("(");
    boolean extension = number.hasExtension();
    boolean context =
        PHONE_CONTEXT_BEFORE.matcher(before).find() || PHONE_CONTEXT_AFTER.matcher(after).find();
    if (ID_BEFORE.matcher(before).find() && !context) {
      return 0;
    }
    double score;
    if (international || bracketed || extension) {
      score = 0.9;
    } else if (valid && groups >= 2) {
      score = 0.85;
    } else if (groups >= 3) {
      score = 0.8;
    } else if (valid) {
      score = 0.7;
    } else if (groups == 2) {
      score = 0.6;
    } else {
      score = digits >= 10 && digits <= 12 ? 0.45 : 0.3;
    }
    if (STREET_AFTER.matcher(after).find() && !international && !bracketed) {
      // "located at 704 1436 Redbud Drive": a house number and a street, not a phone number
      return 0.3;
    }
    return context ? Math.min(0.95, score + 0.3) : score;
  }

  /**
   * Digits that belong to a longer token: a date or time, an amount ("1,234.56"), or a piece of a
   * hyphenated id or version ("SKY-2026-000123", "v2.4.1").
   */
  private static boolean partOfSomethingElse(
      String text, int start, int end, String before, String after) {
    String candidate = text.substring(start, end);
    if (DATE_OR_TIME.matcher(candidate).find()) {
      return true;
    }
    char previous = start > 0 ? text.charAt(start - 1) : ' ';
    char next = end < text.length() ? text.charAt(end) : ' ';
    if (Character.isLetterOrDigit(previous) || Character.isLetterOrDigit(next) || next == '@') {
      return true;
    }
    if ((previous == '-' || previous == '_' || previous == '/' || previous == '.')
        && before.length() >= 2
        && Character.isLetterOrDigit(before.charAt(before.length() - 2))) {
      return true;
    }
    if ((next == '-' || next == '_' || next == '/' || next == '.' || next == ',')
        && after.length() >= 2
        && Character.isDigit(after.charAt(1))) {
      return true;
    }
    boolean digitComma =
        previous == ','
            && before.length() >= 2
            && Character.isDigit(before.charAt(before.length() - 2));
    return previous == '$' || previous == '€' || previous == '£' || digitComma;
  }
}
