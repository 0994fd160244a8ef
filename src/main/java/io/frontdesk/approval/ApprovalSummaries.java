package io.frontdesk.approval;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** What an approval asks for, in words a customer and a reviewer both read at a glance. */
final class ApprovalSummaries {

  private ApprovalSummaries() {}

  /**
   * The summary is quoted in the follow-up turn's note, which the AI service renders as a template:
   * braces (a connector's free-text argument) would be read as template expressions, so none pass.
   */
  static String describe(String tool, Map<String, Object> args) {
    return words(tool, args).replace('{', '(').replace('}', ')');
  }

  private static String words(String tool, Map<String, Object> args) {
    return switch (tool) {
      case "process_refund" ->
          "a refund of %s on order %s".formatted(args.get("amount"), args.get("order_id"));
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
