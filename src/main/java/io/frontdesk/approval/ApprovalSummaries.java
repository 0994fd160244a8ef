package io.frontdesk.approval;

import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What an approval asks for, in words a reviewer reads at a glance (English) and a customer reads
 * in their language (the notice table).
 */
final class ApprovalSummaries {

  private ApprovalSummaries() {}

  /**
   * The reviewers' summary: "a refund of 490.00 on order ord_000015". It is quoted in the follow-up
   * turn's note, which the AI service renders as a template: braces (a connector's free-text
   * argument) would be read as template expressions, so none pass.
   */
  static String describe(String tool, Map<String, Object> args) {
    return words(tool, args).replace('{', '(').replace('}', ')');
  }

  private static String words(String tool, Map<String, Object> args) {
    return switch (tool) {
      case "process_refund" ->
          "a refund of %s on order %s"
              .formatted(amount(args).toPlainString(), args.get("order_id"));
      case "restart_service" -> "a restart of service %s".formatted(args.get("service_id"));
      case "perform_account_action" -> "the account action %s".formatted(args.get("action"));
      // a connector's tool (or any other): its name in words and its arguments
      default -> {
        StringJoiner named = new StringJoiner(", ");
        new TreeMap<>(args).forEach((name, value) -> named.add(name + " " + value));
        yield named.length() == 0
            ? tool.replace('_', ' ')
            : "%s for %s".formatted(tool.replace('_', ' '), named);
      }
    };
  }

  /**
   * The customer's words for it, in their language: "un remboursement de 490,00 USD sur la commande
   * ord_000015" ({@code currency}: the order's, null when not known).
   */
  static String forCustomer(
      String language, String tool, Map<String, Object> args, String currency) {
    return switch (tool) {
      case "process_refund" ->
          Notices.text(
              language,
              Notice.APPROVAL_REFUND,
              Notices.money(language, amount(args), currency),
              args.get("order_id"));
      case "restart_service" ->
          Notices.text(language, Notice.APPROVAL_RESTART, args.get("service_id"));
      case "perform_account_action" ->
          Notices.text(
              language,
              Notice.APPROVAL_ACCOUNT,
              String.valueOf(args.get("action")).replace('_', ' '));
      default -> Notices.text(language, Notice.APPROVAL_OTHER);
    };
  }

  /**
   * What the customer is told while the request waits: what it is, and how long it can wait before
   * it becomes a ticket (the time left, rounded up: the configured expiry for a new request).
   */
  static String pendingNotice(String language, String what, Duration left) {
    return Notices.text(
        language, Notice.APPROVAL_REQUESTED, what, Notices.duration(language, left));
  }

  /** Why the request did not go through, in the customer's language. */
  static String declined(String language, Approval a, String what) {
    if (Approval.EXPIRED.equals(a.status())) {
      return Notices.text(language, Notice.APPROVAL_EXPIRED, what);
    }
    return a.feedback() == null || a.feedback().isBlank()
        ? Notices.text(language, Notice.APPROVAL_REJECTED, what)
        : Notices.text(language, Notice.APPROVAL_REJECTED_NOTE, what, a.feedback());
  }

  static String shortId(UUID id) {
    return id.toString().substring(0, 8);
  }

  /** The refund's amount with two decimals (the model may send 490, 490.0 or "490.00"). */
  private static BigDecimal amount(Map<String, Object> args) {
    Object amount = args.get("amount");
    try {
      return new BigDecimal(String.valueOf(amount)).setScale(2, RoundingMode.HALF_UP);
    } catch (NumberFormatException notANumber) {
      return BigDecimal.ZERO.setScale(2);
    }
  }
}
