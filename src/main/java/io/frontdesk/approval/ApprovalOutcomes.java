package io.frontdesk.approval;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.frontdesk.conversation.Conversation;
import io.frontdesk.conversation.ConversationFeed;
import io.frontdesk.conversation.ConversationRepository;
import io.frontdesk.conversation.StoredMessage;
import io.frontdesk.conversation.TurnContext;
import io.frontdesk.conversation.TurnEngine;
import io.frontdesk.conversation.TurnEvent;
import io.frontdesk.conversation.TurnRequest;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.escalation.Escalation;
import io.frontdesk.escalation.EscalationReason;
import io.frontdesk.escalation.EscalationService;
import io.frontdesk.escalation.Ticket;
import io.frontdesk.http.Conflict;
import io.frontdesk.toolgate.ApprovalGrant;
import io.frontdesk.toolgate.ToolCatalog;
import io.frontdesk.toolgate.ToolDescriptor;
import io.frontdesk.toolgate.ToolGate;
import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a decided approval does to its conversation. Approved: a turn resumes the conversation, runs
 * exactly the stored call through the gate (once, under the approval's idempotency key, however
 * often this is retried) and has the active agent tell the customer. Rejected or expired: the
 * customer is told why and a ticket opens, in one transaction. Either way the events go on the
 * conversation's feed for live delivery. Blocking: runs on worker threads.
 */
@ApplicationScoped
class ApprovalOutcomes {

  private static final Logger LOG = Logger.getLogger(ApprovalOutcomes.class);
  static final Duration TURN_WAIT = Duration.ofMinutes(3);

  /** How long a decline holds the conversation at most (it is one short transaction). */
  static final Duration LOCK_LEASE = Duration.ofSeconds(30);

  private final TurnEngine engine;
  private final ToolGate gate;
  private final ToolCatalog catalog;
  private final ApprovalRepository approvals;
  private final ConversationRepository conversations;
  private final ConversationFeed feed;
  private final EscalationService escalations;
  private final Pool pool;
  private final ReactiveBridge bridge;

  ApprovalOutcomes(
      TurnEngine engine,
      ToolGate gate,
      ToolCatalog catalog,
      ApprovalRepository approvals,
      ConversationRepository conversations,
      ConversationFeed feed,
      EscalationService escalations,
      Pool pool,
      ReactiveBridge bridge) {
    this.engine = engine;
    this.gate = gate;
    this.catalog = catalog;
    this.approvals = approvals;
    this.conversations = conversations;
    this.feed = feed;
    this.escalations = escalations;
    this.pool = pool;
    this.bridge = bridge;
  }

  /** Carries a decided approval through; safe to call again for one a crash left unfinished. */
  void finish(Approval a) {
    switch (a.status()) {
      case Approval.APPROVED, Approval.EXECUTED, Approval.FAILED -> resume(a);
      case Approval.REJECTED, Approval.EXPIRED -> decline(a);
      default -> throw new IllegalStateException("approval " + a.id() + " is still " + a.status());
    }
  }

  private void resume(Approval a) {
    String note =
        ("[Frontdesk] A colleague (%s) reviewed the pending request for %s and approved it. The"
                + " tool result just above is what happened when it ran. Tell the customer the"
                + " outcome in one or two sentences.")
            .formatted(a.decidedBy(), a.summary());
    List<TurnEvent> events;
    try {
      events =
          engine
              .run(
                  TurnRequest.systemNote(
                      a.customerId(), a.conversationId(), note, turn -> runApproved(a, turn)))
              .collect()
              .asList()
              .await()
              .atMost(TURN_WAIT);
    } catch (Conflict busy) {
      // the customer's own turn is running: the sweeper resumes this one when it has ended
      LOG.infof("Approval %s waits for conversation %s to be free", a.id(), a.conversationId());
      return;
    }
    String ticketId = null;
    for (TurnEvent e : events) {
      if (e instanceof TurnEvent.Done done) {
        ticketId = done.ticketId();
      }
    }
    String ticket = ticketId;
    bridge.await(
        () ->
            pool.withTransaction(
                db ->
                    feed.publish(db, a.conversationId(), events)
                        .call(() -> approvals.resumed(db, a.id(), ticket))));
  }

  /** The resuming turn's first step: the approved call, answered in memory like a model's call. */
  private List<TurnEvent> runApproved(Approval a, TurnContext turn) {
    ToolDescriptor tool =
        catalog.find(a.tool()).orElseThrow(() -> new IllegalStateException("no tool " + a.tool()));
    String callId = "approval_" + ApprovalSummaries.shortId(a.id());
    String arguments = Json.encode(a.arguments());
    turn.memory()
        .add(
            AiMessage.from(
                ToolExecutionRequest.builder()
                    .id(callId)
                    .name(a.tool())
                    .arguments(arguments)
                    .build()));
    List<TurnEvent> events = new ArrayList<>();
    events.add(new TurnEvent.ApprovalDecided(a.id(), "approved", a.decidedBy(), a.feedback()));
    events.add(new TurnEvent.ToolCall(callId, a.tool(), arguments));
    String text;
    String error = null;
    try {
      Object result =
          gate.executeApproved(
              tool,
              a.arguments(),
              turn,
              new ApprovalGrant(a.id(), a.decidedBy(), a.idempotencyKey()),
              () -> catalog.invoke(tool, a.arguments(), turn.conversationId().toString()));
      text = dev.langchain4j.internal.Json.toJson(result);
    } catch (ToolRefused refused) {
      error = refused.getMessage();
      text = new JsonObject().put("error", error).encode();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    turn.memory().add(ToolExecutionResultMessage.from(callId, a.tool(), text));
    String outcome = error == null ? Approval.EXECUTED : Approval.FAILED;
    String result = error == null ? text : null;
    String failure = error;
    bridge.await(() -> approvals.executed(pool, a.id(), outcome, result, failure));
    events.add(new TurnEvent.ToolResult(callId, a.tool(), error == null, text));
    return events;
  }

  /**
   * Rejected or expired: the customer is told why and a ticket opens, in one transaction that holds
   * the conversation's turn lock like any turn (a busy conversation is left to the sweeper).
   */
  private void decline(Approval a) {
    boolean expired = Approval.EXPIRED.equals(a.status());
    EscalationReason reason =
        expired ? EscalationReason.APPROVAL_EXPIRED : EscalationReason.APPROVAL_REJECTED;
    String why =
        expired
            ? "No colleague could review the request for %s in time, so nothing was done."
                .formatted(a.summary())
            : "A colleague reviewed the request for %s and declined it%s."
                .formatted(
                    a.summary(),
                    a.feedback() == null || a.feedback().isBlank() ? "" : ": " + a.feedback());
    UUID turn = UUID.randomUUID();
    Ticket ticket;
    try {
      ticket = bridge.await(() -> pool.withTransaction(db -> decline(db, a, turn, reason, why)));
    } catch (Conflict busy) {
      LOG.infof("Approval %s waits for conversation %s to be free", a.id(), a.conversationId());
      return;
    }
    escalations.announce(ticket);
  }

  private Uni<Ticket> decline(
      SqlClient db, Approval a, UUID turn, EscalationReason reason, String why) {
    return conversations
        .claimTurn(db, a.conversationId(), turn, LOCK_LEASE)
        .invoke(
            claimed -> {
              if (!claimed) {
                throw new Conflict("conversation " + a.conversationId() + " is answering");
              }
            })
        .chain(
            () ->
                db.preparedQuery("select tier from customer where id = $1")
                    .execute(Tuple.of(a.customerId())))
        .map(rows -> rows.iterator().next().getString("tier"))
        .chain(
            tier ->
                escalations.open(
                    db,
                    new Escalation(
                        a.conversationId(),
                        a.customerId(),
                        tier,
                        a.agent(),
                        reason,
                        "%s Approval %s (%s).".formatted(why, a.id(), a.reason()),
                        "approvals",
                        a.confidence(),
                        List.of(trace(a)))))
        .call(ticket -> tell(db, a, turn, reason, why, ticket));
  }

  /**
   * The notice in the transcript, the lock given back, the events on the feed, all in {@code db}.
   */
  private Uni<Void> tell(
      SqlClient db, Approval a, UUID turn, EscalationReason reason, String why, Ticket ticket) {
    String message =
        why
            + " I've opened ticket #%s so our team can follow up with you."
                .formatted(ticket.ticketId());
    List<TurnEvent> events =
        List.of(
            new TurnEvent.ApprovalDecided(a.id(), a.status(), a.decidedBy(), a.feedback()),
            new TurnEvent.Escalated(ticket.ticketId(), reason.code(), why, message),
            new TurnEvent.Done(
                a.conversationId(), message, false, true, ticket.ticketId(), a.confidence()));
    return conversations
        .findOwned(db, a.conversationId(), a.customerId())
        .chain(
            (Conversation c) ->
                conversations
                    .append(
                        db,
                        a.conversationId(),
                        List.of(
                            new StoredMessage(
                                turn, "assistant", "approval", message, List.of(), null, null)))
                    .call(
                        () ->
                            conversations.endTurn(
                                db, a.conversationId(), turn, "escalated", c.activeAgent())))
        .call(() -> feed.publish(db, a.conversationId(), events))
        .call(() -> approvals.resumed(db, a.id(), ticket.ticketId()));
  }

  private static Map<String, Object> trace(Approval a) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("tool", a.tool());
    step.put("arguments", a.arguments());
    step.put("success", false);
    step.put("error", "approval " + a.status());
    step.put("durationMs", 0);
    return step;
  }
}
