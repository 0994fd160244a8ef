package io.frontdesk.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.frontdesk.escalation.ConfidenceScorer;
import io.frontdesk.escalation.Escalation;
import io.frontdesk.escalation.EscalationConfig;
import io.frontdesk.escalation.EscalationReason;
import io.frontdesk.escalation.EscalationService;
import io.frontdesk.escalation.Ticket;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.guard.LogRedaction;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Ends a turn: decides resolved or escalated (DESIGN §4), persists it, emits the last events. */
@ApplicationScoped
public class TurnFinisher {

  private static final Logger LOG = Logger.getLogger(TurnFinisher.class);
  static final String ESCALATION_AGENT = "escalation";
  static final String GUARD_AGENT = "guard";
  static final String APPROVAL_AGENT = "approval";

  private final Pool pool;
  private final ConversationRepository conversations;
  private final EscalationService escalations;
  private final EscalationConfig config;
  private final GuardPipeline guards;
  private final TurnMetrics metrics;

  TurnFinisher(
      Pool pool,
      ConversationRepository conversations,
      EscalationService escalations,
      EscalationConfig config,
      GuardPipeline guards,
      TurnMetrics metrics) {
    this.pool = pool;
    this.conversations = conversations;
    this.escalations = escalations;
    this.config = config;
    this.guards = guards;
    this.metrics = metrics;
  }

  Uni<List<TurnEvent>> finish(TurnContext turn, String message, TurnProgress progress) {
    return decide(turn, message, progress).invoke(events -> measure(turn, events));
  }

  private void measure(TurnContext turn, List<TurnEvent> events) {
    String reason = null;
    String outcome = "refused";
    boolean awaiting = false;
    for (TurnEvent e : events) {
      if (e instanceof TurnEvent.Escalated escalated) {
        reason = escalated.reason();
      } else if (e instanceof TurnEvent.ApprovalRequired) {
        awaiting = true;
      } else if (e instanceof TurnEvent.Done done) {
        outcome =
            done.resolved()
                ? "resolved"
                : done.escalated() ? "escalated" : awaiting ? "awaiting_approval" : "refused";
      }
    }
    metrics.turn(turn, outcome, reason, turn.elapsed());
  }

  private Uni<List<TurnEvent>> decide(TurnContext turn, String message, TurnProgress progress) {
    if (progress.inputBlocked) {
      return refuse(turn, message);
    }
    if (progress.approval != null) {
      return awaitApproval(turn, progress.approval);
    }
    List<TurnEvent> events = new ArrayList<>();
    double confidence = ConfidenceScorer.score(turn.tools(), progress.routerConfidence);
    String raw = progress.answer == null ? "" : progress.answer.strip();
    String answer = guardedAnswer(turn, raw, events);
    EscalationReason reason = reason(turn, progress, raw, confidence);
    List<StoredMessage> produced = produced(turn, raw, answer);
    if (progress.failure != null) {
      LOG.warnf(
          "Agent failed in conversation %s: %s",
          turn.conversationId(), LogRedaction.redact(String.valueOf(progress.failure)));
      events.add(
          new TurnEvent.Error("agent_unavailable", "The assistant could not finish this answer."));
    }
    if (reason == null) {
      return persist(turn, produced, "resolved")
          .replaceWith(
              () -> {
                events.add(
                    new TurnEvent.Done(
                        turn.conversationId(), answer, true, false, null, confidence));
                return events;
              });
    }
    String summary =
        progress.humanSummary != null ? progress.humanSummary : summary(reason, raw, message);
    Escalation escalation =
        new Escalation(
            turn.conversationId(),
            turn.customerId(),
            turn.tier(),
            turn.agent(),
            reason,
            summary,
            category(turn),
            confidence,
            trace(turn));
    return escalations
        .escalate(escalation)
        .chain(
            ticket -> {
              String notice = EscalationService.customerNotice(ticket);
              List<StoredMessage> all = new ArrayList<>(produced);
              all.add(
                  new StoredMessage(
                      turn.turnId(), "assistant", ESCALATION_AGENT, notice, List.of(), null, null));
              return persist(turn, all, "escalated")
                  .replaceWith(
                      () -> escalated(turn, ticket, reason, summary, notice, confidence, events));
            });
  }

  /**
   * A call waits for a human: the exchange so far and the notice are stored, the conversation waits
   * for the approval, and the customer is told what is pending (neither resolved nor escalated).
   */
  private Uni<List<TurnEvent>> awaitApproval(TurnContext turn, ApprovalPending pending) {
    double confidence = ConfidenceScorer.score(turn.tools());
    List<StoredMessage> all = new ArrayList<>(produced(turn, "", ""));
    all.add(
        new StoredMessage(
            turn.turnId(), "assistant", APPROVAL_AGENT, pending.notice(), List.of(), null, null));
    return persist(turn, all, "awaiting_approval")
        .replaceWith(
            () -> {
              List<TurnEvent> events = new ArrayList<>();
              events.add(
                  new TurnEvent.ApprovalRequired(
                      pending.approvalId(), pending.tool(), pending.notice(), pending.expiresAt()));
              events.add(
                  new TurnEvent.Done(
                      turn.conversationId(), pending.notice(), false, false, null, confidence));
              return events;
            });
  }

  /**
   * A blocked message gets the refusal (it never reached a model); blocked again and again, the
   * conversation goes to a human.
   */
  private Uni<List<TurnEvent>> refuse(TurnContext turn, String message) {
    String refusal = guards.refusal();
    List<StoredMessage> reply =
        List.of(
            new StoredMessage(
                turn.turnId(), "assistant", GUARD_AGENT, refusal, List.of(), null, null));
    return pool.withTransaction(
            db ->
                conversations
                    .append(db, turn.conversationId(), reply, true)
                    .call(
                        () ->
                            conversations.recordGuardEvents(
                                db, turn.conversationId(), turn.turnId(), turn.guardEvents()))
                    .call(
                        () ->
                            conversations.updateState(
                                db, turn.conversationId(), "open", turn.agent()))
                    .chain(() -> conversations.blockedMessages(db, turn.conversationId())))
        .chain(
            blocked -> {
              if (blocked < guards.escalateAfterBlocks()) {
                List<TurnEvent> events = new ArrayList<>();
                events.add(
                    new TurnEvent.Done(turn.conversationId(), refusal, false, false, null, 0.0));
                return Uni.createFrom().item(events);
              }
              Escalation escalation =
                  new Escalation(
                      turn.conversationId(),
                      turn.customerId(),
                      turn.tier(),
                      turn.agent(),
                      EscalationReason.GUARD_BLOCKS,
                      "Guards blocked %d messages in this conversation; review it."
                          .formatted(blocked),
                      "security",
                      0.0,
                      List.of());
              return escalations
                  .escalate(escalation)
                  .map(
                      ticket ->
                          escalated(
                              turn,
                              ticket,
                              EscalationReason.GUARD_BLOCKS,
                              escalation.summary(),
                              EscalationService.customerNotice(ticket),
                              0.0,
                              new ArrayList<>()));
            });
  }

  /**
   * The whole answer through the output guards once more (a leak can span sentences): what the
   * customer gets in done and what the transcript keeps.
   */
  private String guardedAnswer(TurnContext turn, String raw, List<TurnEvent> events) {
    if (raw.isEmpty() || raw.startsWith(TextGate.ESCALATE)) {
      return raw;
    }
    GuardCheck check = guards.checkOutput(raw, turn.systemPrompt());
    if (check.blocked()) {
      for (GuardVerdict v : check.triggered()) {
        TurnEvent.Guard event = TurnEvent.Guard.of("output", v);
        turn.record(event);
        events.add(event);
      }
      return guards.refusal();
    }
    return check.text();
  }

  private EscalationReason reason(
      TurnContext turn, TurnProgress progress, String answer, double confidence) {
    if (progress.humanRequested) {
      return EscalationReason.CUSTOMER_REQUEST;
    }
    if (progress.humanSummary != null) {
      return EscalationReason.AGENT_REQUEST;
    }
    if (progress.handoffLimit) {
      return EscalationReason.HANDOFF_LIMIT;
    }
    if (turn.stopped() == StopReason.ITERATION_LIMIT) {
      return EscalationReason.ITERATION_LIMIT;
    }
    if (turn.stopped() == StopReason.TIMEOUT) {
      return EscalationReason.TIMEOUT;
    }
    if (progress.failure != null || answer.isEmpty()) {
      return EscalationReason.AGENT_ERROR;
    }
    if (answer.startsWith(TextGate.ESCALATE)) {
      return EscalationReason.AGENT_REQUEST;
    }
    return confidence < config.confidenceThreshold() ? EscalationReason.LOW_CONFIDENCE : null;
  }

  private static List<TurnEvent> escalated(
      TurnContext turn,
      Ticket ticket,
      EscalationReason reason,
      String summary,
      String notice,
      double confidence,
      List<TurnEvent> events) {
    events.add(new TurnEvent.Escalated(ticket.ticketId(), reason.code(), summary, notice));
    events.add(
        new TurnEvent.Done(
            turn.conversationId(), notice, false, true, ticket.ticketId(), confidence));
    return events;
  }

  private Uni<Void> persist(TurnContext turn, List<StoredMessage> messages, String status) {
    return pool.withTransaction(
        db ->
            conversations
                .append(db, turn.conversationId(), messages)
                .call(
                    () ->
                        conversations.recordToolCalls(
                            db, turn.conversationId(), turn.turnId(), turn.tools()))
                .call(
                    () ->
                        conversations.updateState(
                            db, turn.conversationId(), status, turn.agent())));
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
    if (reason == EscalationReason.AGENT_REQUEST) {
      return answer.substring(TextGate.ESCALATE.length()).strip();
    }
    String asked = message.length() > 200 ? message.substring(0, 200) + "…" : message;
    return switch (reason) {
      case CUSTOMER_REQUEST -> "Customer asked for a person: " + asked;
      case ITERATION_LIMIT -> "Agent used all its tool round trips without resolving: " + asked;
      case TIMEOUT -> "Agent ran out of time: " + asked;
      case HANDOFF_LIMIT -> "Agents kept handing the conversation around: " + asked;
      case AGENT_ERROR -> "Agent could not answer (model or tool failure): " + asked;
      default -> "Low-confidence answer needs review: " + asked;
    };
  }

  /** The ticket's queue: from what the agent had to use, else from the message's route. */
  private static String category(TurnContext turn) {
    for (ToolRecord call : turn.tools()) {
      if (call.tool().equals("perform_account_action")) {
        return "account";
      }
      if (call.result() instanceof KnowledgeAnswer answer && !answer.results().isEmpty()) {
        return answer.results().getFirst().category();
      }
    }
    return turn.route().category();
  }

  private static List<Map<String, Object>> trace(TurnContext turn) {
    return turn.tools().stream()
        .map(
            c -> {
              Map<String, Object> step = new LinkedHashMap<>();
              step.put("tool", c.tool());
              step.put("arguments", c.arguments());
              step.put("success", c.success());
              step.put("error", c.error());
              step.put("durationMs", c.durationMs());
              return step;
            })
        .toList();
  }
}
