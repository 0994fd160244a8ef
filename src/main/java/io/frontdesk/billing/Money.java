package io.frontdesk.billing;

import io.frontdesk.toolgate.ToolRefused;
import java.math.BigDecimal;

/**
 * Amounts are stored in cents and shown to the model in the currency's units (every demo currency
 * has two decimals).
 */
final class Money {

  private static final BigDecimal MAX_CENTS = BigDecimal.valueOf(Integer.MAX_VALUE);

  private Money() {}

  static BigDecimal of(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  static String format(long cents, String currency) {
    return of(cents).toPlainString() + " " + currency;
  }

  /** The model's decimal amount in cents; refused when it is not a positive amount of cents. */
  static long cents(BigDecimal amount) {
    if (amount == null || amount.signum() <= 0) {
      throw new ToolRefused("amount must be greater than 0, e.g. 49.00");
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      throw new ToolRefused("amount must have at most two decimal places, e.g. 49.95");
    }
    BigDecimal cents = amount.movePointRight(2);
    // Anything larger than a column can hold is more than was ever paid; the caller refuses it.
    return cents.compareTo(MAX_CENTS) > 0 ? Long.MAX_VALUE : cents.longValueExact();
  }
}
