package io.frontdesk.guard;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment cards, IBANs and US social security numbers, as people write them: compact, spaced,
 * dashed or partly masked ({@code **** **** **** 4242}, {@code ***-**-6789}). A card needs a valid
 * Luhn digit unless masked; an IBAN a valid mod-97 check, or else the exact length of its country's
 * IBAN and mostly digits (a typo'd IBAN is still someone's account: recall comes first in a
 * redactor, so it is redacted with less confidence); an SSN any area but 000 and 666 (9xx is an
 * ITIN, personal too). Card- or SSN-shaped digits that fail those checks are no phone number
 * either.
 */
final class AccountNumbers {

  private AccountNumbers() {}

  private static final String SEP = "[ .-]{1,2}";

  private static final Pattern CARD =
      Pattern.compile(
          "(?<![\\d.,+-])(?:\\d{4}(?:"
              + SEP
              + "\\d{4}){2,3}(?:"
              + SEP
              + "\\d{1,4})?|\\d{4}"
              + SEP
              + "\\d{6}"
              + SEP
              + "\\d{4,5}|\\d{12,19})(?![\\d-]|[.,]\\d)");

  private static final String MASKABLE = "[\\d*xX•#]";

  private static final Pattern MASKED_CARD =
      Pattern.compile(
          "(?<![\\w*•#-])(?:(?:"
              + MASKABLE
              + "{4}[ -]?){2,4}"
              + MASKABLE
              + "{1,7}|"
              + MASKABLE
              + "{4}[ -]?"
              + MASKABLE
              + "{6}[ -]?"
              + MASKABLE
              + "{4,5})(?![\\w*•#])");

  private static final Pattern IBAN =
      Pattern.compile(
          "(?<![\\w])[A-Za-z]{2}\\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,3})?(?![\\w])");

  private static final Pattern SSN =
      Pattern.compile("(?<![\\d.-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\d-]|[.,]\\d)");

  private static final Pattern MASKED_SSN =
      Pattern.compile(
          "(?<![\\w*•#-])" + MASKABLE + "{3}-" + MASKABLE + "{2}-" + MASKABLE + "{4}(?![\\w*•#-])");

  private static final Pattern SSN_CONTEXT =
      Pattern.compile(
          "(?i)\\b(?:ssn|itin|social security(?: number| no\\.?)?)\\D{0,12}?(?<![\\d-])(\\d{9})(?!\\d)");

  /** IBAN length by country (ISO 13616 registry), for IBANs whose check digits are wrong. */
  private static final Map<String, Integer> IBAN_LENGTH =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AE", 23),
          Map.entry("AL", 28),
          Map.entry("AT", 20),
          Map.entry("AZ", 28),
          Map.entry("BA", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("BH", 22),
          Map.entry("BR", 29),
          Map.entry("BY", 28),
          Map.entry("CH", 21),
          Map.entry("CR", 22),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DK", 18),
          Map.entry("DO", 28),
          Map.entry("EE", 20),
          Map.entry("EG", 29),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FO", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GE", 22),
          Map.entry("GI", 23),
          Map.entry("GL", 18),
          Map.entry("GR", 27),
          Map.entry("GT", 28),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IL", 23),
          Map.entry("IQ", 23),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("JO", 30),
          Map.entry("KW", 30),
          Map.entry("KZ", 20),
          Map.entry("LB", 28),
          Map.entry("LC", 32),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("MC", 27),
          Map.entry("MD", 24),
          Map.entry("ME", 22),
          Map.entry("MK", 19),
          Map.entry("MR", 27),
          Map.entry("MT", 31),
          Map.entry("MU", 30),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("PK", 24),
          Map.entry("PL", 28),
          Map.entry("PS", 29),
          Map.entry("PT", 25),
          Map.entry("QA", 29),
          Map.entry("RO", 24),
          Map.entry("RS", 22),
          Map.entry("SA", 24),
          Map.entry("SC", 31),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("ST", 25),
          Map.entry("SV", 28),
          Map.entry("TL", 23),
          Map.entry("TN", 24),
          Map.entry("TR", 26),
          Map.entry("UA", 29),
          Map.entry("VA", 22),
          Map.entry("VG", 24),
          Map.entry("XK", 20));

  /**
   * Adds the cards, IBANs and SSNs in the window to {@code out}; IBAN-shaped text that is no IBAN
   * goes to {@code notPii} (an account number with a wrong check digit is not half a phone number).
   */
  static void find(String text, int[] bounds, List<GuardFinding> out, List<int[]> notPii) {
    List<int[]> ibans = new java.util.ArrayList<>();
    Matcher m = within(IBAN, text, bounds);
    while (m.find()) {
      ibans.add(new int[] {m.start(), m.end()});
      if (Checksums.iban(m.group())) {
        out.add(PiiRedactor.finding(PiiEntity.IBAN, 0.99, m.start(), m.end()));
      } else if (ibanShaped(m.group())) {
        out.add(PiiRedactor.finding(PiiEntity.IBAN, 0.7, m.start(), m.end()));
      } else {
        notPii.add(new int[] {m.start(), m.end()});
      }
    }
    m = within(CARD, text, bounds);
    while (m.find()) {
      int digits = digits(m.group());
      if (digits >= 12 && digits <= 19 && Checksums.luhn(m.group())) {
        out.add(PiiRedactor.finding(PiiEntity.CARD, 0.95, m.start(), m.end()));
      } else if (!m.group().matches("\\d+") && !inside(ibans, m.start(), m.end())) {
        // grouped like a card but no card: a mistyped card or an id, never part of a phone number
        notPii.add(new int[] {m.start(), m.end()});
      }
    }
    m = within(MASKED_CARD, text, bounds);
    while (m.find()) {
      if (masked(m.group(), 2, 4)) {
        out.add(PiiRedactor.finding(PiiEntity.CARD, 0.8, m.start(), m.end()));
      }
    }
    m = within(SSN, text, bounds);
    while (m.find()) {
      if (validSsn(m.group(1), m.group(3), m.group(4))) {
        out.add(
            PiiRedactor.finding(
                PiiEntity.SSN, m.group(2).equals("-") ? 0.9 : 0.7, m.start(), m.end()));
      } else if (m.group(2).equals("-")) {
        notPii.add(new int[] {m.start(), m.end()});
      }
    }
    m = within(MASKED_SSN, text, bounds);
    while (m.find()) {
      if (masked(m.group(), 1, 2)) {
        out.add(PiiRedactor.finding(PiiEntity.SSN, 0.8, m.start(), m.end()));
      }
    }
    m = within(SSN_CONTEXT, text, bounds);
    while (m.find()) {
      String d = m.group(1);
      if (validSsn(d.substring(0, 3), d.substring(3, 5), d.substring(5))) {
        out.add(PiiRedactor.finding(PiiEntity.SSN, 0.85, m.start(1), m.end(1)));
      }
    }
  }

  private static boolean inside(List<int[]> spans, int start, int end) {
    return spans.stream().anyMatch(s -> s[0] <= start && end <= s[1]);
  }

  /** A matcher limited to a window, still seeing the text around it for look-arounds. */
  static Matcher within(Pattern pattern, String text, int[] window) {
    return pattern
        .matcher(text)
        .region(window[0], window[1])
        .useTransparentBounds(true)
        .useAnchoringBounds(false);
  }

  /**
   * A known country, its exact IBAN length, and a body of mostly digits: an IBAN with a wrong check
   * digit, not a word that happens to start with two letters and two digits.
   */
  static boolean ibanShaped(String candidate) {
    String compact = candidate.replaceAll("[ -]", "").toUpperCase(java.util.Locale.ROOT);
    Integer length = IBAN_LENGTH.get(compact.substring(0, 2));
    if (length == null || compact.length() != length) {
      return false;
    }
    int digits = digits(compact.substring(4));
    return digits * 2 >= compact.length() - 4;
  }

  /** At least {@code minMasks} masking characters and {@code minDigits} digits. */
  private static boolean masked(String value, int minMasks, int minDigits) {
    int masks = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      masks += c == '*' || c == 'x' || c == 'X' || c == '•' || c == '#' ? 1 : 0;
    }
    return masks >= minMasks && digits(value) >= minDigits;
  }

  private static int digits(String value) {
    int n = 0;
    for (int i = 0; i < value.length(); i++) {
      n += Character.isDigit(value.charAt(i)) ? 1 : 0;
    }
    return n;
  }

  private static boolean validSsn(String area, String group, String serial) {
    return !area.equals("000")
        && !area.equals("666")
        && !group.equals("00")
        && !serial.equals("0000");
  }
}
