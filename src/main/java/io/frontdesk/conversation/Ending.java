package io.frontdesk.conversation;

import io.frontdesk.turn.ApprovalPending;
import io.frontdesk.turn.EscalationReason;
import io.frontdesk.turn.TurnEvent;
import java.util.List;
import java.util.UUID;

/**
 * How a turn ends, decided before anything is stored (built only by its factories, one per
 * outcome).
 *
 * @param messages the agent's messages (the customer's was stored when the turn opened)
 * @param answer what done says if no ticket opens
 * @param confidence how sure the answer is (DESIGN §4)
 * @param category the queue a ticket would go to
 * @param events the events sent before the last ones (guard, error, approval required)
 */
record Ending(
    List<StoredMessage> messages,
    Outcome outcome,
    String answer,
    double confidence,
    String category,
    List<TurnEvent> events) {

  /** What the turn came to. */
  sealed interface Outcome {}

  /** A blocked message got the guards' refusal; a ticket opens only when blocks pile up. */
  record Refused() implements Outcome {}

  /** A call waits for a human's approval: neither resolved nor escalated. */
  record AwaitingApproval() implements Outcome {}

  /** The agent answered, sure enough, and the output guards let the answer through. */
  record Resolved() implements Outcome {}

  /** The output guards blocked the answer: the customer got the refusal, the case stays open. */
  record Withheld() implements Outcome {}

  /**
   * A person takes over: a ticket opens for {@code reason}; {@code explanation}, if any, is told
   * before its notice.
   */
  record HandedOver(EscalationReason reason, String summary, String explanation)
      implements Outcome {}

  static Ending refused(StoredMessage reply, String refusal) {
    return new Ending(List.of(reply), new Refused(), refusal, 0.0, "security", List.of());
  }

  static Ending awaitingApproval(
      List<StoredMessage> messages, ApprovalPending pending, double confidence, String category) {
    TurnEvent required =
        new TurnEvent.ApprovalRequired(
            pending.approvalId(),
            pending.tool(),
            CustomerText.visible(pending.notice()),
            pending.expiresAt());
    return new Ending(
        messages,
        new AwaitingApproval(),
        CustomerText.visible(pending.notice()),
        confidence,
        category,
        List.of(required));
  }

  static Ending resolved(
      List<StoredMessage> messages,
      String answer,
      double confidence,
      String category,
      List<TurnEvent> events) {
    return new Ending(messages, new Resolved(), answer, confidence, category, events);
  }

  static Ending withheld(
      List<StoredMessage> messages,
      String answer,
      double confidence,
      String category,
      List<TurnEvent> events) {
    return new Ending(messages, new Withheld(), answer, confidence, category, events);
  }

  static Ending handedOver(
      HandedOver handover,
      List<StoredMessage> messages,
      String answer,
      double confidence,
      String category,
      List<TurnEvent> events) {
    return new Ending(messages, handover, answer, confidence, category, events);
  }

  /** An assistant message that is a note of the agent named, not a model's answer. */
  static StoredMessage note(UUID turnId, String agent, String text) {
    return new StoredMessage(turnId, "assistant", agent, text, List.of(), null, null);
  }

  boolean refused() {
    return outcome instanceof Refused;
  }

  boolean resolved() {
    return outcome instanceof Resolved;
  }

  /** The conversation's status when no ticket opens. */
  String status() {
    return switch (outcome) {
      case Resolved resolved -> "resolved";
      case AwaitingApproval awaiting -> "awaiting_approval";
      case Refused refused -> "open";
      case Withheld withheld -> "open";
      case HandedOver handedOver -> "open";
    };
  }

  /** What the customer is told when a ticket opened: the explanation, if any, then the notice. */
  String notice(String notice) {
    return outcome instanceof HandedOver handover && handover.explanation() != null
        ? handover.explanation() + " " + notice
        : notice;
  }
}
