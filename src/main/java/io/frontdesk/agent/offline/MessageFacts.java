package io.frontdesk.agent.offline;

import io.frontdesk.technical.ServiceSummary;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the offline model reads out of a customer's message: the ids, amount and service it names.
 */
final class MessageFacts {

  static final Pattern PAYMENT_ID = Pattern.compile("\\bpay_\\d+\\b");
  static final Pattern INVOICE_ID =
      Pattern.compile("\\b(inv_\\d+|SKY-\\d{4}-\\d+)\\b", Pattern.CASE_INSENSITIVE);
  static final Pattern SERVICE_ID = Pattern.compile("\\bsvc_\\d+\\b");
  static final Pattern ORDER_ID = Pattern.compile("\\bord_\\d+\\b");

  /** An amount: 13.20, €13, 13 EUR (a bare integer could be a count or a date). */
  private static final Pattern AMOUNT =
      Pattern.compile(
          "[$€£]\\s?(\\d+(?:[.,]\\d{1,2})?)|(?<![\\w.,-])(\\d+[.,]\\d{2})(?!\\d)"
              + "|(?<![\\w.,-])(\\d+(?:[.,]\\d{1,2})?)\\s?(?:eur|usd|gbp|euros?|dollars?|pounds?)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

  private MessageFacts() {}

  /** The amount the message names, if any. */
  static Optional<BigDecimal> amount(String message) {
    Matcher m = AMOUNT.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return Optional.of(new BigDecimal(m.group(g).replace(',', '.')));
      }
    }
    return Optional.empty();
  }

  /**
   * The service the message names: its id, else the one sharing most words with the message (its
   * name's parts, e.g. "checkout" of checkout-api, or its type, e.g. api); none if no word matches.
   */
  static Optional<ServiceSummary> named(List<ServiceSummary> services, String message) {
    Matcher id = SERVICE_ID.matcher(message);
    if (id.find()) {
      String wanted = id.group();
      return services.stream().filter(x -> x.serviceId().equals(wanted)).findFirst();
    }
    Set<String> words = words(message);
    ServiceSummary best = null;
    long bestOverlap = 0;
    for (ServiceSummary service : services) {
      Set<String> own = words(service.name() + " " + service.type());
      long overlap = own.stream().filter(words::contains).count();
      if (overlap > bestOverlap) {
        best = service;
        bestOverlap = overlap;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (w.length() > 2) {
        out.add(w);
      }
    }
    return out;
  }
}
