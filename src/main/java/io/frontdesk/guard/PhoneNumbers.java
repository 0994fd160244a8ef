package io.frontdesk.guard;

import java.util.regex.Pattern;

/**
 * Phone numbers have no checksum, so a candidate run of digit groups is scored: impossible (too few
 * or too many digits, a date, a time), weak (a bare run of digits, a house number before a street
 * name) or strong (country code, bracketed area code, usual grouping, extension, or a word like
 * "phone" or "fax" next to it).
 */
final class PhoneNumbers {

  private PhoneNumbers() {}

  static final Pattern CANDIDATE =
      Pattern.compile(
          "(?<![\\w+./-]|\\d,)(?:(?:\\+|00)\\d{1,3}[ .-]?)?(?:\\(0\\)[ .-]?)?(?:\\(\\d{1,5}\\)[ .-]?)?"
              + "\\d{1,12}(?:[ .-]\\d{1,8}){0,5}(?:[ ]?(?:x|ext\\.?|extension)[ ]?\\d{1,6})?"
              + "(?![\\w]|[.,/-]\\d)");

  private static final Pattern DATE_OR_TIME =
      Pattern.compile(
          "\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}|\\d{1,2}:\\d{2}");

  private static final Pattern PHONE_CONTEXT_BEFORE =
      Pattern.compile(
          "(?i)(phone|tel|telephone|mobile|cell|fax|desk|office|call|calls|text|sms|whatsapp|contact"
              + "|number|reach|dial|ring|messages to|registered|on|at|no\\.|#)\\W{0,4}$");

  // compiled once: String.split compiles a pattern of more than one character on every call
  private static final Pattern EXTENSION = Pattern.compile("(?i)[ ]?(x|ext\\.?|extension)[ ]?\\d");
  private static final Pattern STREET_AFTER = Pattern.compile("^ \\p{Lu}\\p{Ll}");

  private static final Pattern PHONE_CONTEXT_AFTER =
      Pattern.compile("(?i)^\\W{0,3}(office|fax|mobile|cell|home|work|phone|tel|desk)\\b");

  /**
   * Confidence that a run of digit groups is a phone number: 0 when it cannot be one (too few or
   * too many digits, a date or a time), low for a bare run of digits, high with a country code, an
   * area code in brackets, the usual grouping, or a word like "phone" or "fax" next to it.
   */
  static double score(String text, int start, int end) {
    String candidate = text.substring(start, end);
    String main = EXTENSION.split(candidate, 2)[0];
    int digits = 0;
    int groups = 1;
    int firstGroup = -1;
    int run = 0;
    for (int i = 0; i < main.length(); i++) {
      char c = main.charAt(i);
      if (Character.isDigit(c)) {
        digits++;
        run++;
      } else if (run > 0) {
        if (firstGroup < 0) {
          firstGroup = run;
        }
        groups++;
        run = 0;
      }
    }
    if (firstGroup < 0) {
      firstGroup = run;
    }
    if (digits < 7 || digits > 15 || DATE_OR_TIME.matcher(candidate).find()) {
      return 0;
    }
    boolean international = candidate.startsWith("+") || candidate.startsWith("00");
    boolean bracketed = candidate.contains("(");
    boolean extension = !main.equals(candidate);
    String before = text.substring(Math.max(0, start - 24), start);
    String after = text.substring(end, Math.min(text.length(), end + 12));
    boolean context =
        PHONE_CONTEXT_BEFORE.matcher(before).find() || PHONE_CONTEXT_AFTER.matcher(after).find();
    double score;
    if (international || bracketed || extension) {
      score = 0.9;
    } else if (groups >= 3) {
      score = 0.8;
    } else if (groups == 2) {
      // "55470 72 Acheron Road" is a postcode and a house number
      score = firstGroup >= 5 ? 0.3 : 0.6;
    } else {
      score = digits >= 10 && digits <= 12 ? 0.45 : 0.3;
    }
    if (STREET_AFTER.matcher(after).find()) {
      // "located at 704 1436 Redbud Drive": a house number and a street, not a phone number
      return 0.3;
    }
    if (context) {
      score = Math.min(0.95, score + 0.3);
    }
    return score;
  }
}
