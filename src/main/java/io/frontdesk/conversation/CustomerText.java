package io.frontdesk.conversation;

import io.frontdesk.turn.AnswerPrefix;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one filter between what is stored for the model and the team and what a customer reads: the
 * answer and notices a turn ends with, and every line of the transcript a customer reloads. The
 * model's memory keeps the raw text (it needs the ids to act on a follow-up); the customer never
 * reads an escalation summary, a tool's name or an internal reference.
 */
final class CustomerText {

  /** What each tool's status line says (the chat page's live labels say the same). */
  static final Map<String, String> TOOL_LABELS =
      Map.ofEntries(
          Map.entry("search_knowledge_base", "Searching the help centre"),
          Map.entry("search_documentation", "Searching the documentation"),
          Map.entry("perform_account_action", "Working on your account"),
          Map.entry("lookup_invoice", "Looking up the invoice"),
          Map.entry("list_invoices", "Looking up your invoices"),
          Map.entry("lookup_payment", "Checking the payment"),
          Map.entry("process_refund", "Preparing the refund"),
          Map.entry("get_service_logs", "Reading the service logs"),
          Map.entry("restart_service", "Restarting the service"),
          Map.entry("run_diagnostics", "Running diagnostics"),
          Map.entry("list_services", "Checking your services"),
          Map.entry("escalate_to_human", "Asking a person to help"));

  /** A tool the labels do not know is still not named to the customer. */
  static final String UNKNOWN_TOOL = "Working on it";

  /** A reference that only means something inside Frontdesk, e.g. "(request 7afa732f)". */
  private static final Pattern REQUEST_ID = Pattern.compile("\\s*\\(request [0-9a-f]{8}\\)");

  /**
   * An internal id in brackets next to the name the customer knows ("billing-cron (svc_0011)",
   * "(refund ref_100001)"); alone in its brackets it goes with them, first of several it goes
   * alone.
   */
  private static final Pattern BRACKETED_ID =
      Pattern.compile("\\s*\\((?:[a-z]+ )?(?:svc|pay|ref|agt)_\\w+\\)");

  private static final Pattern LEADING_ID =
      Pattern.compile("\\((?:[a-z]+ )?(?:svc|pay|ref|agt)_\\w+,\\s*");

  private static final Pattern TOOL_NAME =
      Pattern.compile(
          "\\b(?:"
              + String.join("|", TOOL_LABELS.keySet())
              + "|transfer_to_\\w+|escalate_to_human)\\b");

  private CustomerText() {}

  /** Whether a stored answer is for the team only (a hand-over summary), never for the customer. */
  static boolean internal(String text) {
    return text != null && text.strip().startsWith(AnswerPrefix.ESCALATE);
  }

  /** The text as the customer reads it: no internal reference, no tool by its name. */
  static String visible(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = REQUEST_ID.matcher(text).replaceAll("");
    out = BRACKETED_ID.matcher(out).replaceAll("");
    out = LEADING_ID.matcher(out).replaceAll("(");
    Matcher tool = TOOL_NAME.matcher(out);
    StringBuilder named = new StringBuilder();
    while (tool.find()) {
      tool.appendReplacement(named, Matcher.quoteReplacement(inWords(tool.group())));
    }
    return tool.appendTail(named).toString();
  }

  /** A tool's status line: its label, then how the call went. */
  static String toolStatus(String tool, String status) {
    String outcome =
        switch (status == null ? "succeeded" : status) {
          case "succeeded" -> " — done";
          case "pending_approval" -> " — waiting for approval";
          default -> " — it did not work";
        };
    return label(tool) + outcome;
  }

  static String label(String tool) {
    return TOOL_LABELS.getOrDefault(tool, UNKNOWN_TOOL);
  }

  /** Whether a call only routes the conversation (a hand-off), which the customer is not shown. */
  static boolean routing(String tool) {
    return tool.startsWith("transfer_to_");
  }

  private static String inWords(String tool) {
    if (routing(tool)) {
      return "a specialist";
    }
    String label = label(tool);
    return Character.toLowerCase(label.charAt(0)) + label.substring(1);
  }
}
