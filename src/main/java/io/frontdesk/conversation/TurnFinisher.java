package io.frontdesk.conversation;

import io.frontdesk.database.DatabaseOutage;
import io.frontdesk.guard.LogRedaction;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.ToolRecord;
import io.frontdesk.turn.TurnEvent;
import io.frontdesk.turn.TurnOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Ends a turn: {@link TurnEnding} decides how (DESIGN §4), {@link EndingStore} stores it all in one
 * transaction, and the last events ({@link EndingEvents}) go out only once that committed. A turn
 * that cannot be stored says so; it never reports what was not kept.
 */
@ApplicationScoped
public class TurnFinisher {

  private static final Logger LOG = Logger.getLogger(TurnFinisher.class);
  private static final String STILL_RUNNING =
      "still running when the turn ended; its outcome is unknown";

  private final TurnEnding endings;
  private final EndingStore store;
  private final TurnMetrics metrics;

  TurnFinisher(TurnEnding endings, EndingStore store, TurnMetrics metrics) {
    this.endings = endings;
    this.store = store;
    this.metrics = metrics;
  }

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
        switch (progress.outcome()) {
          case TurnOutcome.InputBlocked blocked -> endings.refusal(turn, blocked.abuse());
          case TurnOutcome.ApprovalAwaited awaited ->
              endings.awaitingApproval(turn, awaited.pending(), calls);
          default -> answered(turn, message, progress, calls);
        };
    return store
        .save(turn, ending, calls, progress.usage.total())
        .invoke(store::announce)
        .map(stored -> EndingEvents.stored(turn, ending, stored))
        .onFailure()
        .recoverWithUni(failure -> notSaved(turn, failure))
        .invoke(events -> metrics.ended(turn, events));
  }

  private Ending answered(
      TurnContext turn, String message, TurnProgress progress, List<ToolRecord> calls) {
    Ending ending = endings.answered(turn, message, progress, calls);
    // a lost database is logged once per outage (database.DatabaseOutage), not per turn
    Throwable failure = progress.failure();
    if (failure != null && !DatabaseOutage.isOutage(failure)) {
      LOG.warnf(
          "Agent failed in conversation %s: %s",
          turn.conversationId(), LogRedaction.redact(String.valueOf(failure)));
    }
    return ending;
  }

  /**
   * The turn could not be stored (the customer's message was, when the turn opened): nothing of it
   * was kept, no ticket opened, and the customer is told so; the lock is given back so the next
   * message is answered (its lease ends it otherwise).
   */
  private Uni<List<TurnEvent>> notSaved(TurnContext turn, Throwable failure) {
    if (failure instanceof TurnLockLost lost) {
      LOG.warn(lost.getMessage());
    } else if (!DatabaseOutage.isOutage(failure)) {
      LOG.errorf(
          "Turn %s of conversation %s could not be stored: %s",
          turn.turnId(), turn.conversationId(), LogRedaction.redact(String.valueOf(failure)));
    }
    return store
        .release(turn)
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
        .map(ignored -> EndingEvents.notSaved(turn));
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
}
