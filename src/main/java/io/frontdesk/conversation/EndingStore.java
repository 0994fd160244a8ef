package io.frontdesk.conversation;

import io.frontdesk.escalation.Escalation;
import io.frontdesk.escalation.EscalationService;
import io.frontdesk.escalation.Ticket;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.turn.EscalationReason;
import io.frontdesk.turn.ToolRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a turn's ending in one transaction: the agent's messages, tool calls, guard events, the
 * ticket and its notice, the conversation's state and its turn lock.
 */
@ApplicationScoped
class EndingStore {

  static final String ESCALATION_AGENT = "escalation";

  private final Pool pool;
  private final ConversationRepository conversations;
  private final EscalationService escalations;
  private final GuardPipeline guards;
  private final UsageRepository usages;

  EndingStore(
      Pool pool,
      ConversationRepository conversations,
      EscalationService escalations,
      GuardPipeline guards,
      UsageRepository usages) {
    this.pool = pool;
    this.conversations = conversations;
    this.escalations = escalations;
    this.guards = guards;
    this.usages = usages;
  }

  /**
   * What was stored: the ticket when one opened (else null), with its context package and what the
   * customer is told of it (the ending's explanation, if any, then the ticket's notice).
   */
  record Stored(Ticket ticket, Escalation escalation, String notice) {

    boolean escalated() {
      return ticket != null;
    }
  }

  /**
   * The one transaction that stores the turn (with what its model calls used: null when it made
   * none); a ticket opens in it or not at all.
   */
  Uni<Stored> save(
      TurnContext turn, Ending ending, List<ToolRecord> calls, ModelUsage.Total usage) {
    return pool.withTransaction(db -> store(db, turn, ending, calls, usage));
  }

  /** The webhook for a ticket that opened, once its transaction committed. */
  void announce(Stored stored) {
    if (stored.escalated()) {
      escalations.announce(stored.ticket());
    }
  }

  /** Gives the turn's lock back without storing anything of it. */
  Uni<Void> release(TurnContext turn) {
    return pool.withTransaction(
        db -> conversations.releaseTurn(db, turn.conversationId(), turn.turnId()));
  }

  private Uni<Stored> store(
      SqlClient db,
      TurnContext turn,
      Ending ending,
      List<ToolRecord> calls,
      ModelUsage.Total usage) {
    return escalation(db, turn, ending, calls)
        .chain(
            escalation ->
                escalation == null
                    ? Uni.createFrom().item(new Stored(null, null, null))
                    : escalations
                        .open(db, escalation)
                        .map(
                            ticket ->
                                new Stored(
                                    ticket,
                                    escalation,
                                    ending.notice(escalations.customerNotice(ticket, escalation)))))
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
                        usages.record(db, turn.conversationId(), turn.turnId(), usage),
                        endTurn(db, turn, stored.escalated() ? "escalated" : ending.status()))
                    .discardItems());
  }

  /** Ends the turn with the conversation's new status, or rolls it all back if it lost its lock. */
  private Uni<Boolean> endTurn(SqlClient db, TurnContext turn, String status) {
    return conversations
        .endTurn(db, turn.conversationId(), turn.turnId(), status, turn.agent())
        .invoke(
            held -> {
              if (!held) {
                // rolls the whole ending back: another turn answers now
                throw new TurnLockLost(turn);
              }
            });
  }

  /**
   * Whether a ticket opens: for the ending's reason, or because guards have now blocked the
   * customer's messages too often (counted in the transaction, the current one included).
   */
  private Uni<Escalation> escalation(
      SqlClient db, TurnContext turn, Ending ending, List<ToolRecord> calls) {
    if (ending.outcome() instanceof Ending.HandedOver handover) {
      return Uni.createFrom()
          .item(
              escalation(
                  turn,
                  handover.reason(),
                  handover.summary(),
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
        turn.caller().customerId(),
        turn.caller().tier(),
        turn.agent(),
        reason,
        summary,
        category,
        confidence,
        trace(calls),
        turn.language());
  }

  /**
   * The transcript as the customer saw it: the agent's messages, then the ticket notice. A refusal
   * that escalates is replaced by the notice (that is what the customer is told).
   */
  private static List<StoredMessage> withNotice(TurnContext turn, Ending ending, Stored stored) {
    List<StoredMessage> all = new ArrayList<>(ending.refused() ? List.of() : ending.messages());
    all.add(Ending.note(turn.turnId(), ESCALATION_AGENT, stored.notice()));
    return all;
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
