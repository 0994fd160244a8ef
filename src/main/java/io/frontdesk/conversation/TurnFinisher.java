package io.frontdesk.conversation;

import dev.langchain4j.data.message.UserMessage;
import io.frontdesk.escalation.ConfidenceScorer;
import io.frontdesk.escalation.Escalation;
import io.frontdesk.escalation.EscalationConfig;
import io.frontdesk.escalation.EscalationReason;
import io.frontdesk.escalation.EscalationService;
import io.frontdesk.escalation.Ticket;
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

  private final Pool pool;
  private final ConversationRepository conversations;
  private final EscalationService escalations;
  private final EscalationConfig config;

  TurnFinisher(
      Pool pool,
      ConversationRepository conversations,
      EscalationService escalations,
      EscalationConfig config) {
    this.pool = pool;
    this.conversations = conversations;
    this.escalations = escalations;
    this.config = config;
  }

  Uni<List<TurnEvent>> finish(TurnContext turn, String message, TurnProgress progress) {
    List<TurnEvent> events = new ArrayList<>();
    double confidence = ConfidenceScorer.score(turn.tools());
    String answer = progress.answer == null ? "" : progress.answer.strip();
    EscalationReason reason = reason(turn, progress, answer, confidence);
    List<StoredMessage> produced = produced(turn);
    if (progress.failure != null) {
      LOG.warnf(progress.failure, "Agent failed in conversation %s", turn.conversationId());
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
        progress.humanSummary != null ? progress.humanSummary : summary(reason, answer, message);
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

  /** The agent's messages of this turn (the customer's was stored when the turn opened). */
  private static List<StoredMessage> produced(TurnContext turn) {
    return turn.memory().added().stream()
        .filter(m -> !(m instanceof UserMessage))
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

  /** The ticket's queue: from what the agent had to use. */
  private static String category(TurnContext turn) {
    for (ToolRecord call : turn.tools()) {
      if (call.tool().equals("perform_account_action")) {
        return "account";
      }
      if (call.result() instanceof KnowledgeAnswer answer && !answer.results().isEmpty()) {
        return answer.results().getFirst().category();
      }
    }
    return "general";
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
