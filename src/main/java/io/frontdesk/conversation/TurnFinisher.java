package io.frontdesk.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.frontdesk.database.DatabaseOutage;
import io.frontdesk.escalation.ConfidenceScorer;
import io.frontdesk.escalation.Escalation;
import io.frontdesk.escalation.EscalationConfig;
import io.frontdesk.escalation.EscalationService;
import io.frontdesk.escalation.Ticket;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.guard.LogRedaction;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.turn.ApprovalPending;
import io.frontdesk.turn.EscalationReason;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.StopReason;
import io.frontdesk.turn.ToolRecord;
import io.frontdesk.turn.TurnEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Ends a turn: decides resolved, refused or escalated (DESIGN §4), then stores it all in one
 * transaction — the agent's messages, tool calls, guard events, the ticket and its notice, the
 * conversation's state and its turn lock — and emits the last events only once that committed. A
 * turn that cannot be stored says so; it never reports what was not kept.
 */
@ApplicationScoped
public class TurnFinisher {

  private static final Logger LOG = Logger.getLogger(TurnFinisher.class);
  static final String ESCALATION_AGENT = "escalation";
  static final String GUARD_AGENT = "guard";
  static final String APPROVAL_AGENT = "approval";
  static final String NOT_SAVED =
      "Sorry, something went wrong and this answer could not be saved. Please send your message"
          + " again.";
  private static final String STILL_RUNNING =
      "still running when the turn ended; its outcome is unknown";

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

  /**
   * How the turn ends, decided before anything is stored: the agent's messages (the customer's was
   * stored when the turn opened), what done says if no ticket opens (and the conversation's status
   * then), and why one opens.
   */
  private record Ending(
      List<StoredMessage> messages,
      boolean refused,
      String answer,
      boolean resolved,
      String status,
      double confidence,
      EscalationReason reason,
      String summary,
      String category,
      List<TurnEvent> events,
      String explanation) {

    /** What the customer is told when a ticket opened: the explanation, if any, then the notice. */
    String notice(Ticket ticket) {
      String notice = EscalationService.customerNotice(ticket);
      return explanation == null ? notice : explanation + " " + notice;
    }
  }

  /** What was stored: the ticket when one opened (else null), with its context package. */
  private record Stored(Ticket ticket, Escalation escalation) {

    boolean escalated() {
      return ticket != null;
    }
  }

  /** The final answer after the output guards, and whether they blocked it. */
  private record Guarded(String text, boolean blocked) {}

  /**
   * @param unfinished tool calls still running when the turn stopped waiting for them
   */
  Uni<List<TurnEvent>> finish(
      TurnContext turn,
      String message,
      TurnProgress progress,
      List<RunningTurn.RunningTool> unfinished) {
    Set<String> stillRunning =
        unfinished.stream()
            .map(RunningTurn.RunningTool::callId)
            .filter(id -> id != null)
            .collect(Collectors.toSet());
    // a call the turn stopped before (or while) it ran gets its result all the same
    turn.memory()
        .answerOpenToolCalls(
            id ->
                stillRunning.contains(id)
                    ? turn.resultOf(id, STILL_RUNNING)
                    : turn.resultOf(id, "not run: the turn ended before this call"));
    List<ToolRecord> calls = calls(turn, unfinished);
    Ending ending =
        progress.inputBlocked
            ? refusal(turn)
            : progress.approval != null
                ? awaitingApproval(turn, progress.approval, calls)
                : answered(turn, message, progress, calls);
    return pool.withTransaction(db -> store(db, turn, ending, calls))
        .invoke(
            stored -> {
              if (stored.escalated()) {
                escalations.announce(stored.ticket());
              }
            })
        .map(stored -> events(turn, ending, stored.ticket(), stored.escalation()))
        .onFailure()
        .recoverWithUni(failure -> notSaved(turn, ending, failure))
        .invoke(events -> measure(turn, events));
  }

  /** A blocked message gets the refusal (it never reached a model), stored flagged like it. */
  private Ending refusal(TurnContext turn) {
    String refusal = guards.refusal();
    StoredMessage reply =
        new StoredMessage(turn.turnId(), "assistant", GUARD_AGENT, refusal, List.of(), null, null);
    return new Ending(
        List.of(reply), true, refusal, false, "open", 0.0, null, null, "security", List.of(), null);
  }

  /**
   * A call waits for a human's approval: the exchange so far and the notice are stored, the
   * conversation waits for the approval, and the customer is told what is pending (neither resolved
   * nor escalated).
   */
  private Ending awaitingApproval(
      TurnContext turn, ApprovalPending pending, List<ToolRecord> calls) {
    List<StoredMessage> all = new ArrayList<>(produced(turn, "", ""));
    all.add(
        new StoredMessage(
            turn.turnId(), "assistant", APPROVAL_AGENT, pending.notice(), List.of(), null, null));
    return new Ending(
        all,
        false,
        pending.notice(),
        false,
        "awaiting_approval",
        ConfidenceScorer.score(calls, turn.route(), null, pending.notice()),
        null,
        null,
        category(turn, calls),
        List.of(
            new TurnEvent.ApprovalRequired(
                pending.approvalId(), pending.tool(), pending.notice(), pending.expiresAt())),
        null);
  }

  private Ending answered(
      TurnContext turn, String message, TurnProgress progress, List<ToolRecord> calls) {
    List<TurnEvent> events = new ArrayList<>();
    String raw = progress.answer == null ? "" : progress.answer.strip();
    double confidence = ConfidenceScorer.score(calls, turn.route(), progress.routerConfidence, raw);
    Guarded answer = guardedAnswer(turn, raw, progress, events);
    EscalationReason reason = reason(turn, progress, raw, confidence);
    // a lost database is logged once per outage (database.DatabaseOutage), not per turn
    if (progress.failure != null && !DatabaseOutage.isOutage(progress.failure)) {
      LOG.warnf(
          "Agent failed in conversation %s: %s",
          turn.conversationId(), LogRedaction.redact(String.valueOf(progress.failure)));
    }
    if (progress.failure != null) {
      events.add(
          new TurnEvent.Error("agent_unavailable", "The assistant could not finish this answer."));
    }
    TurnContext.Handover handover = turn.handover();
    String summary =
        reason == null
            ? null
            : handover != null
                ? handover.summary()
                : progress.humanSummary != null
                    ? progress.humanSummary
                    : summary(reason, raw, message);
    boolean resolved = reason == null && !answer.blocked();
    return new Ending(
        produced(turn, raw, answer.text()),
        false,
        answer.text(),
        resolved,
        resolved ? "resolved" : "open",
        confidence,
        reason,
        summary,
        category(turn, calls),
        events,
        handover == null ? null : handover.explanation());
  }

  /** The one transaction that stores the turn; a ticket opens in it or not at all. */
  private Uni<Stored> store(SqlClient db, TurnContext turn, Ending ending, List<ToolRecord> calls) {
    return escalation(db, turn, ending, calls)
        .chain(
            escalation ->
                escalation == null
                    ? Uni.createFrom().item(new Stored(null, null))
                    : escalations
                        .open(db, escalation)
                        .map(ticket -> new Stored(ticket, escalation)))
        // the turn's writes go out together: the connection pipelines them, in this order, in
        // one round trip instead of one each (a failure still rolls the whole transaction back)
        .call(
            stored ->
                Uni.combine()
                    .all()
                    .unis(
                        stored.escalated()
                            ? conversations.append(
                                db, turn.conversationId(), withNotice(turn, ending, stored))
                            : conversations.append(
                                db, turn.conversationId(), ending.messages(), ending.refused()),
                        // a side effect was stored as it ran (EffectRecords)
                        conversations.recordToolCalls(
                            db,
                            turn.conversationId(),
                            turn.turnId(),
                            calls.stream().filter(c -> !c.stored()).toList()),
                        conversations.recordGuardEvents(
                            db, turn.conversationId(), turn.turnId(), turn.guardEvents()),
                        conversations
                            .endTurn(
                                db,
                                turn.conversationId(),
                                turn.turnId(),
                                status(ending, stored),
                                turn.agent())
                            .invoke(
                                held -> {
                                  if (!held) {
                                    // rolls the whole ending back: another turn answers now
                                    throw new TurnLockLost(turn);
                                  }
                                }))
                    .discardItems());
  }

  /**
   * Whether a ticket opens: for the ending's reason, or because guards have now blocked the
   * customer's messages too often (counted in the transaction, the current one included).
   */
  private Uni<Escalation> escalation(
      SqlClient db, TurnContext turn, Ending ending, List<ToolRecord> calls) {
    if (ending.reason() != null) {
      return Uni.createFrom()
          .item(
              escalation(
                  turn,
                  ending.reason(),
                  ending.summary(),
                  ending.category(),
                  ending.confidence(),
                  calls));
    }
    if (!ending.refused()) {
      return Uni.createFrom().nullItem();
    }
    return conversations
        .blockedMessages(db, turn.conversationId())
        .map(
            blocked ->
                blocked < guards.escalateAfterBlocks()
                    ? null
                    : escalation(
                        turn,
                        EscalationReason.GUARD_BLOCKS,
                        "Guards blocked %d messages in this conversation; review it."
                            .formatted(blocked),
                        "security",
                        0.0,
                        calls));
  }

  private static Escalation escalation(
      TurnContext turn,
      EscalationReason reason,
      String summary,
      String category,
      double confidence,
      List<ToolRecord> calls) {
    return new Escalation(
        turn.conversationId(),
        turn.customerId(),
        turn.tier(),
        turn.agent(),
        reason,
        summary,
        category,
        confidence,
        trace(calls));
  }

  /**
   * The transcript as the customer saw it: the agent's messages, then the ticket notice. A refusal
   * that escalates is replaced by the notice (that is what the customer is told).
   */
  private static List<StoredMessage> withNotice(TurnContext turn, Ending ending, Stored stored) {
    List<StoredMessage> all = new ArrayList<>(ending.refused() ? List.of() : ending.messages());
    all.add(
        new StoredMessage(
            turn.turnId(),
            "assistant",
            ESCALATION_AGENT,
            ending.notice(stored.ticket()),
            List.of(),
            null,
            null));
    return all;
  }

  private static String status(Ending ending, Stored stored) {
    return stored.escalated() ? "escalated" : ending.status();
  }

  /** The last events, once the turn is stored: the ticket when one opened, then done. */
  private static List<TurnEvent> events(
      TurnContext turn, Ending ending, Ticket ticket, Escalation escalation) {
    List<TurnEvent> events = new ArrayList<>(ending.events());
    if (ticket == null) {
      events.add(
          new TurnEvent.Done(
              turn.conversationId(),
              ending.answer(),
              ending.resolved(),
              false,
              null,
              ending.confidence()));
      return events;
    }
    String notice = ending.notice(ticket);
    events.add(
        new TurnEvent.Escalated(
            ticket.ticketId(), escalation.reason().code(), escalation.summary(), notice));
    events.add(
        new TurnEvent.Done(
            turn.conversationId(), notice, false, true, ticket.ticketId(), ending.confidence()));
    return events;
  }

  /**
   * The turn could not be stored (the customer's message was, when the turn opened): nothing of it
   * was kept, no ticket opened, and the customer is told so; the lock is given back so the next
   * message is answered (its lease ends it otherwise).
   */
  private Uni<List<TurnEvent>> notSaved(TurnContext turn, Ending ending, Throwable failure) {
    if (failure instanceof TurnLockLost lost) {
      LOG.warn(lost.getMessage());
    } else if (!DatabaseOutage.isOutage(failure)) {
      LOG.errorf(
          "Turn %s of conversation %s could not be stored: %s",
          turn.turnId(), turn.conversationId(), LogRedaction.redact(String.valueOf(failure)));
    }
    return pool.withTransaction(
            db -> conversations.releaseTurn(db, turn.conversationId(), turn.turnId()))
        .onFailure()
        .invoke(
            f -> {
              if (!DatabaseOutage.isOutage(f)) {
                LOG.warnf(
                    "Turn lock of conversation %s stays until its lease ends: %s",
                    turn.conversationId(), String.valueOf(f));
              }
            })
        .onFailure()
        .recoverWithNull()
        .map(
            ignored ->
                List.of(
                    new TurnEvent.Error("not_saved", NOT_SAVED),
                    new TurnEvent.Done(turn.conversationId(), NOT_SAVED, false, false, null, 0.0)));
  }

  private void measure(TurnContext turn, List<TurnEvent> events) {
    String reason = null;
    String outcome = "refused";
    boolean awaiting = false;
    boolean notSaved = false;
    for (TurnEvent e : events) {
      if (e instanceof TurnEvent.Escalated escalated) {
        reason = escalated.reason();
      } else if (e instanceof TurnEvent.ApprovalRequired) {
        awaiting = true;
      } else if (e instanceof TurnEvent.Error error && error.code().equals("not_saved")) {
        notSaved = true;
      } else if (e instanceof TurnEvent.Done done) {
        outcome =
            done.resolved()
                ? "resolved"
                : done.escalated() ? "escalated" : awaiting ? "awaiting_approval" : "refused";
      }
    }
    // a turn the model could not answer is an error, whatever the customer got instead
    metrics.turn(
        turn,
        notSaved ? "not_saved" : turn.modelFailure() != null ? "error" : outcome,
        reason,
        turn.elapsed());
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
      return new Guarded(guards.refusal(), true);
    }
    return new Guarded(check.text(), false);
  }

  private EscalationReason reason(
      TurnContext turn, TurnProgress progress, String answer, double confidence) {
    if (turn.handover() != null) {
      return turn.handover().reason();
    }
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
    if (turn.modelFailure() != null
        && (progress.failure != null || answer.isEmpty() || answer.startsWith(TextGate.ESCALATE))) {
      return EscalationReason.MODEL_UNAVAILABLE;
    }
    if (progress.failure != null || answer.isEmpty()) {
      return EscalationReason.AGENT_ERROR;
    }
    if (answer.startsWith(TextGate.ESCALATE)) {
      return EscalationReason.AGENT_REQUEST;
    }
    return confidence < config.confidenceThreshold() ? EscalationReason.LOW_CONFIDENCE : null;
  }

  /** The gate's records of this turn, and the calls still running when it ended (as failed). */
  private static List<ToolRecord> calls(
      TurnContext turn, List<RunningTurn.RunningTool> unfinished) {
    List<ToolRecord> calls = new ArrayList<>(turn.tools());
    for (RunningTurn.RunningTool running : unfinished) {
      LOG.warnf("Tool %s was still running when turn %s ended", running.tool(), turn.turnId());
      calls.add(
          new ToolRecord(
              turn.agent(),
              running.tool(),
              running.arguments(),
              false,
              null,
              STILL_RUNNING,
              turn.elapsed().toMillis(),
              OffsetDateTime.now(ZoneOffset.UTC),
              "failed",
              // a side effect still running records its own outcome when it commits
              turn.journaled(running)));
    }
    return calls;
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

  private static List<Map<String, Object>> trace(List<ToolRecord> calls) {
    return calls.stream()
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
