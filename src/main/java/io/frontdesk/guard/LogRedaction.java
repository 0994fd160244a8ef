package io.frontdesk.guard;

/**
 * PII and secret redaction for what is written to logs and traces (messages, tool arguments, span
 * attributes), with the same redactor as the output guard and a fixed threshold: log hygiene does
 * not depend on how the customer-facing guard is configured.
 */
public final class LogRedaction {

  static final double THRESHOLD = 0.5;
  private static final PiiRedactor REDACTOR = new PiiRedactor();

  private LogRedaction() {}

  /**
   * The text with e-mails, phones, cards, IBANs, SSNs, IPs and secrets replaced; null stays null.
   */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return REDACTOR.redact(text, THRESHOLD).text();
  }
}
