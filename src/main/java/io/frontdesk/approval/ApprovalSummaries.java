package io.frontdesk.approval;

import java.util.Map;
import java.util.TreeMap;

/** What an approval asks for, in words a customer and a reviewer both read at a glance. */
final class ApprovalSummaries {

  private ApprovalSummaries() {}

  static String describe(String tool, Map<String, Object> args) {
    return switch (tool) {
      case "process_refund" ->
          "a refund of %s on order %s".formatted(args.get("amount"), args.get("order_id"));
      case "restart_service" -> "a restart of service %s".formatted(args.get("service_id"));
      case "perform_account_action" -> "the account action %s".formatted(args.get("action"));
      default -> "%s %s".formatted(tool, new TreeMap<>(args));
    };
  }

  /** What the customer is told while the request waits. */
  static String pendingNotice(String summary, String shortId, long minutes) {
    return ("This needs a colleague's approval first: %s (request %s). I'll post the result here"
            + " as soon as it is decided; if no one decides within %d minutes, it goes to our"
            + " support team as a ticket.")
        .formatted(summary, shortId, minutes);
  }

  static String shortId(java.util.UUID id) {
    return id.toString().substring(0, 8);
  }
}
