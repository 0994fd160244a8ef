package io.frontdesk.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.frontdesk.escalation.ConfidenceScorer;
import io.frontdesk.escalation.EscalationConfig;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import io.frontdesk.turn.ApprovalPending;
import io.frontdesk.turn.EscalationReason;
import io.frontdesk.turn.StopReason;
import io.frontdesk.turn.ToolRecord;
import io.frontdesk.turn.TurnEvent;
import io.frontdesk.turn.TurnOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Decides how a turn ends — resolved, refused, awaiting approval or handed over (DESIGN §4). */
@ApplicationScoped
class TurnEnding {

  static final String GUARD_AGENT = "guard";
  static final String APPROVAL_AGENT = "approval";
  private static final String ABUSE_SUMMARY =
      "The input guards refused a message aimed at people (a threat, harassment, hate or an"
          + " insult); review the conversation.";

  private final EscalationConfig config;
  private final GuardPipeline guards;

  TurnEnding(EscalationConfig config, GuardPipeline guards) {
    this.config = config;
    this.guards = guards;
  }

  /** The final answer after the output guards, and whether they blocked it. */
  private record Guarded(String text, boolean blocked) {}

  /**
   * A blocked message gets the refusal (it never reached a model), stored flagged like it. Abuse
   * aimed at people is refused calmly and the conversation goes to a person at once.
   */
  Ending refusal(TurnContext turn, boolean abuse) {
    if (abuse) {
      String calm = Notices.text(turn.language(), Notice.GUARD_ABUSE);
      return Ending.handedOver(
          new Ending.HandedOver(EscalationReason.ABUSE, ABUSE_SUMMARY, calm),
          List.of(),
          calm,
          0.0,
          "security",
          List.of());
    }
    String refusal = refusalText(turn);
    return Ending.refused(Ending.note(turn.turnId(), GUARD_AGENT, refusal), refusal);
  }

  /**
   * A call waits for a human's approval: the exchange so far and the notice are stored, the
   * conversation waits for the approval, and the customer is told what is pending (neither resolved
   * nor escalated).
   */
  Ending awaitingApproval(TurnContext turn, ApprovalPending pending, List<ToolRecord> calls) {
    List<StoredMessage> all = new ArrayList<>(produced(turn, "", ""));
    all.add(Ending.note(turn.turnId(), APPROVAL_AGENT, pending.notice()));
    return Ending.awaitingApproval(
        all,
        pending,
        ConfidenceScorer.score(calls, turn.route(), null, pending.notice()),
        category(turn, calls));
  }

  /** The agent's answer (none when it failed): resolved, withheld by the guards, or handed over. */
  Ending answered(TurnContext turn, String message, TurnProgress progress, List<ToolRecord> calls) {
    List<TurnEvent> events = new ArrayList<>();
    String raw = progress.finalAnswer() == null ? "" : progress.finalAnswer().strip();
    double confidence =
        ConfidenceScorer.score(calls, turn.route(), progress.routerConfidence(), raw);
    Guarded answer = guardedAnswer(turn, raw, progress, events);
    EscalationReason reason = reason(turn, progress, raw, confidence);
    if (progress.failure() != null) {
      events.add(
          new TurnEvent.Error("agent_unavailable", "The assistant could not finish this answer."));
    }
    List<StoredMessage> messages = produced(turn, raw, answer.text());
    String category = category(turn, calls);
    if (reason != null) {
      return Ending.handedOver(
          handover(turn, progress, reason, raw, message),
          messages,
          answer.text(),
          confidence,
          category,
          events);
    }
    return answer.blocked()
        ? Ending.withheld(messages, answer.text(), confidence, category, events)
        : Ending.resolved(messages, answer.text(), confidence, category, events);
  }

  /**
   * Why a person takes over and what they are told: an agent's handover brings its own summary and
   * explanation, a human request its summary, anything else is summed up from the message.
   */
  private static Ending.HandedOver handover(
      TurnContext turn,
      TurnProgress progress,
      EscalationReason reason,
      String answer,
      String message) {
    TurnContext.Handover handover = turn.handover();
    if (handover != null) {
      return new Ending.HandedOver(reason, handover.summary(), handover.explanation());
    }
    String summary =
        progress.outcome() instanceof TurnOutcome.AgentEscalated escalated
            ? escalated.summary()
            : summary(reason, answer, message);
    return new Ending.HandedOver(reason, summary, null);
  }

  /**
   * The whole answer through the output guards once more (a leak can span sentences): what the
   * customer gets in done and what the transcript keeps. A leak the stream already withheld has
   * sent its guard event.
   */
  private Guarded guardedAnswer(
      TurnContext turn, String raw, TurnProgress progress, List<TurnEvent> events) {
    if (raw.isEmpty() || raw.startsWith(TextGate.ESCALATE)) {
      return new Guarded(raw, false);
    }
    GuardCheck check = guards.checkOutput(raw, turn.systemPrompt(), turn.readerContacts());
    if (check.blocked()) {
      if (!progress.output.withheld()) {
        for (GuardVerdict v : check.triggered()) {
          TurnEvent.Guard event = v.event("output");
          turn.record(event);
          events.add(event);
        }
      }
      return new Guarded(refusalText(turn), true);
    }
    return new Guarded(check.text(), false);
  }

  /**
   * The guards' refusal: as configured for English, from the notice table in the customer's other
   * languages.
   */
  private String refusalText(TurnContext turn) {
    return Notices.speaks(turn.language()) && !"en".equals(turn.language())
        ? Notices.text(turn.language(), Notice.GUARD_REFUSAL)
        : guards.refusal();
  }

  /** Why a ticket opens, or null when the answer stands. */
  private EscalationReason reason(
      TurnContext turn, TurnProgress progress, String answer, double confidence) {
    if (turn.handover() != null) {
      return turn.handover().reason();
    }
    switch (progress.outcome()) {
      case TurnOutcome.CustomerAsked asked -> {
        return EscalationReason.CUSTOMER_REQUEST;
      }
      case TurnOutcome.AgentEscalated escalated -> {
        return EscalationReason.AGENT_REQUEST;
      }
      case TurnOutcome.HandoffLimit limit -> {
        return EscalationReason.HANDOFF_LIMIT;
      }
      default -> {
        // the stop reasons and the answer decide
      }
    }
    boolean failed = progress.failure() != null;
    if (turn.stopped() == StopReason.ITERATION_LIMIT) {
      return EscalationReason.ITERATION_LIMIT;
    }
    if (turn.stopped() == StopReason.TIMEOUT) {
      return EscalationReason.TIMEOUT;
    }
    if (turn.modelFailure() != null
        && (failed || answer.isEmpty() || answer.startsWith(TextGate.ESCALATE))) {
      return EscalationReason.MODEL_UNAVAILABLE;
    }
    if (failed || answer.isEmpty()) {
      return EscalationReason.AGENT_ERROR;
    }
    if (answer.startsWith(TextGate.ESCALATE)) {
      return EscalationReason.AGENT_REQUEST;
    }
    return confidence < config.confidenceThreshold() ? EscalationReason.LOW_CONFIDENCE : null;
  }

  /**
   * The agent's messages of this turn (the customer's was stored when the turn opened), with the
   * final answer as the customer got it (redacted).
   */
  private static List<StoredMessage> produced(TurnContext turn, String raw, String answer) {
    return turn.memory().added().stream()
        .filter(m -> !(m instanceof UserMessage))
        .map(
            m ->
                !raw.equals(answer)
                        && m instanceof AiMessage ai
                        && raw.equals(ai.text() == null ? null : ai.text().strip())
                    ? AiMessage.from(answer)
                    : m)
        .map(m -> StoredMessage.of(turn.turnId(), turn.agent(), m))
        .toList();
  }

  private static String summary(EscalationReason reason, String answer, String message) {
    String asked = message.length() > 200 ? message.substring(0, 200) + "…" : message;
    if (reason == EscalationReason.AGENT_REQUEST) {
      String handedOver = answer.substring(TextGate.ESCALATE.length()).strip();
      return handedOver.isEmpty() ? "Agent asked for a human colleague: " + asked : handedOver;
    }
    return switch (reason) {
      case CUSTOMER_REQUEST -> "Customer asked for a person: " + asked;
      case ITERATION_LIMIT -> "Agent used all its tool round trips without resolving: " + asked;
      case TIMEOUT -> "Agent ran out of time: " + asked;
      case HANDOFF_LIMIT -> "Agents kept handing the conversation around: " + asked;
      case AGENT_ERROR -> "Agent could not answer (model or tool failure): " + asked;
      case MODEL_UNAVAILABLE ->
          "The model endpoint was unavailable and the offline model could not resolve: " + asked;
      default -> "Low-confidence answer needs review: " + asked;
    };
  }

  /** The ticket's queue: from what the agent had to use, else from the message's route. */
  private static String category(TurnContext turn, List<ToolRecord> calls) {
    for (ToolRecord call : calls) {
      if (call.tool().equals("perform_account_action")) {
        return "account";
      }
      if (call.result() instanceof KnowledgeAnswer answer && !answer.results().isEmpty()) {
        return answer.results().getFirst().category();
      }
    }
    return turn.route().category();
  }
}
