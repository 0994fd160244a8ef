package io.frontdesk.approval;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.http.Conflict;
import io.frontdesk.replica.Replica;
import io.frontdesk.toolgate.ApprovalGrant;
import io.frontdesk.toolgate.ToolCatalog;
import io.frontdesk.toolgate.ToolDescriptor;
import io.frontdesk.toolgate.ToolGate;
import io.frontdesk.toolgate.ToolRefused;
import io.frontdesk.turn.EscalationReason;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.SystemNotes;
import io.frontdesk.turn.TurnEvent;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * What a decided approval does to its conversation. Approved: a turn resumes the conversation, runs
 * exactly the stored call through the gate (once, under the approval's idempotency key, however
 * often this is retried) and has the active agent tell the customer. Rejected or expired: a turn
 * tells the customer why and hands the conversation to a human. Either way the events go on the
 * conversation's feed for live delivery. Blocking: runs on worker threads.
 */
@ApplicationScoped
class ApprovalOutcomes {

  private static final Logger LOG = Logger.getLogger(ApprovalOutcomes.class);
  static final Duration TURN_WAIT = Duration.ofMinutes(3);

  private final SystemNotes notes;
  private final ToolGate gate;
  private final ToolCatalog catalog;
  private final ApprovalRepository approvals;
  private final ConversationFeed feed;
  private final Pool pool;
  private final ReactiveBridge bridge;
  private final Replica replica;

  ApprovalOutcomes(
      SystemNotes notes,
      ToolGate gate,
      ToolCatalog catalog,
      ApprovalRepository approvals,
      ConversationFeed feed,
      Pool pool,
      ReactiveBridge bridge,
      Replica replica) {
    this.notes = notes;
    this.replica = replica;
    this.gate = gate;
    this.catalog = catalog;
    this.approvals = approvals;
    this.feed = feed;
    this.pool = pool;
    this.bridge = bridge;
  }

  /**
   * Carries a decided approval through; safe to call again for one a crash left unfinished. This
   * replica's run holds the approval's claim (taken with the decision, or by the sweeper); it gives
   * the claim back when the follow-up could not run, so another attempt picks it up.
   */
  void finish(Approval a) {
    try {
      switch (a.status()) {
        case Approval.APPROVED, Approval.EXECUTED, Approval.FAILED -> resume(a);
        case Approval.REJECTED, Approval.EXPIRED -> decline(a);
        default ->
            throw new IllegalStateException("approval " + a.id() + " is still " + a.status());
      }
    } catch (RuntimeException failure) {
      unclaim(a);
      throw failure;
    }
  }

  /**
   * The follow-up is one turn, whichever attempt runs it: a follow-up tried again after a crash
   * stores its note once, and the turn-scoped effects of the first attempt are its own.
   */
  static UUID followUpTurn(UUID approval) {
    return UUID.nameUUIDFromBytes(
        ("approval-follow-up:" + approval).getBytes(StandardCharsets.UTF_8));
  }

  private void resume(Approval a) {
    resumeWith(
        a,
        ("[Frontdesk] A colleague (%s) reviewed the pending request for %s and approved it. The"
                + " tool result just above is what happened when it ran. Tell the customer the"
                + " outcome in one or two sentences.")
            .formatted(a.decidedBy(), a.summary()),
        turn -> runApproved(a, turn));
  }

  /**
   * Rejected or expired: a turn tells the customer why and hands the conversation to a human, so
   * the ticket, the notice, the lock and the metrics are those of every other escalation.
   */
  private void decline(Approval a) {
    boolean expired = Approval.EXPIRED.equals(a.status());
    EscalationReason reason =
        expired ? EscalationReason.APPROVAL_EXPIRED : EscalationReason.APPROVAL_REJECTED;
    String currency = bridge.await(() -> approvals.currencyOf(pool, a.tool(), a.arguments()));
    resumeWith(
        a,
        "[Frontdesk] The pending request for %s was %s.".formatted(a.summary(), a.status()),
        turn -> {
          // the customer reads why in their language; the ticket's summary stays the team's
          String why =
              ApprovalSummaries.declined(
                  turn.language(),
                  a,
                  ApprovalSummaries.forCustomer(
                      turn.language(), a.tool(), a.arguments(), currency));
          String summary =
              expired
                  ? "No colleague reviewed the request for %s in time.".formatted(a.summary())
                  : "A colleague declined the request for %s%s."
                      .formatted(
                          a.summary(),
                          a.feedback() == null || a.feedback().isBlank()
                              ? ""
                              : ": " + a.feedback());
          turn.handToHuman(
              reason, "%s Approval %s (%s).".formatted(summary, a.id(), a.reason()), why);
          return List.of(
              new TurnEvent.ApprovalDecided(a.id(), a.status(), a.decidedBy(), a.feedback()));
        });
  }

  /**
   * Runs the turn that carries the decision into the conversation (a system note and its prelude)
   * and puts its events on the conversation's feed; a conversation still answering is left to the
   * sweeper. A follow-up whose turn was stored before a crash kept it from the feed is not run
   * again: its stored answer is delivered.
   */
  private void resumeWith(Approval a, String note, Function<RunningTurn, List<TurnEvent>> prelude) {
    UUID turn = followUpTurn(a.id());
    Optional<String> answered = bridge.await(() -> notes.answerOf(a.conversationId(), turn));
    List<TurnEvent> events;
    if (answered.isPresent()) {
      events =
          List.of(new TurnEvent.Done(a.conversationId(), answered.get(), false, false, null, 0.0));
    } else {
      try {
        events =
            notes
                .run(a.customerId(), a.conversationId(), note, turn, prelude)
                .collect()
                .asList()
                .await()
                .atMost(TURN_WAIT);
      } catch (Conflict busy) {
        // the customer's own turn is running: the sweeper resumes this one when it has ended
        LOG.infof("Approval %s waits for conversation %s to be free", a.id(), a.conversationId());
        unclaim(a);
        return;
      }
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

  private void unclaim(Approval a) {
    try {
      bridge.await(() -> approvals.unclaim(pool, a.id(), replica.instance()));
    } catch (RuntimeException failure) {
      // the claim then ends with this replica's run
      LOG.infof("Approval %s keeps this replica's claim: %s", a.id(), failure.toString());
    }
  }

  /** The resuming turn's first step: the approved call, answered in memory like a model's call. */
  private List<TurnEvent> runApproved(Approval a, RunningTurn turn) {
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
              () -> catalog.invoke(tool, a.arguments(), turn));
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
}
