package io.frontdesk.guard;

import java.math.BigInteger;

/** The check digits that tell a real card number or IBAN from a random run of digits. */
final class Checksums {

  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private Checksums() {}

  /** Luhn (mod 10) over the digits of {@code number}; other characters are skipped. */
  static boolean luhn(CharSequence number) {
    int sum = 0;
    int digits = 0;
    for (int i = number.length() - 1; i >= 0; i--) {
      char c = number.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (digits % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }

  /** ISO 13616: country code, two check digits, 11-30 letters or digits, mod 97 == 1. */
  static boolean iban(CharSequence candidate) {
    StringBuilder compact = new StringBuilder(34);
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c != ' ' && c != '-') {
        compact.append(Character.toUpperCase(c));
      }
    }
    int n = compact.length();
    if (n < 15
        || n > 34
        || !Character.isLetter(compact.charAt(0))
        || !Character.isLetter(compact.charAt(1))
        || !Character.isDigit(compact.charAt(2))
        || !Character.isDigit(compact.charAt(3))) {
      return false;
    }
    StringBuilder numeric = new StringBuilder(n * 2);
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      if (c >= '0' && c <= '9') {
        numeric.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        numeric.append(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }
}
