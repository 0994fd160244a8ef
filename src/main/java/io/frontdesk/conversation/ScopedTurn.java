package io.frontdesk.conversation;

import io.frontdesk.turn.Caller;
import io.frontdesk.turn.EscalationReason;
import io.frontdesk.turn.Route;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.StopReason;
import io.frontdesk.turn.ToolRecord;
import io.frontdesk.turn.TurnEvent;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The turn seen from a workflow step: everything is the turn's, except the memory, which is the
 * step's own (it works from its input alone, not from the whole conversation).
 */
final class ScopedTurn implements RunningTurn {

  private final TurnContext turn;
  private final String scope;
  private final ConversationMemory memory;

  ScopedTurn(TurnContext turn, String scope) {
    this.turn = turn;
    this.scope = scope;
    this.memory = new ConversationMemory(turn.conversationId(), List.of(), turn::countRound);
  }

  @Override
  public UUID conversationId() {
    return turn.conversationId();
  }

  @Override
  public UUID turnId() {
    return turn.turnId();
  }

  @Override
  public Caller caller() {
    return turn.caller();
  }

  @Override
  public String agent() {
    return turn.agent();
  }

  @Override
  public Route route() {
    return turn.route();
  }

  @Override
  public boolean care() {
    return turn.care();
  }

  @Override
  public String language() {
    return turn.language();
  }

  @Override
  public ConversationMemory memory() {
    return memory;
  }

  @Override
  public RunningTurn scoped(String other) {
    return turn.scoped(other);
  }

  @Override
  public StopReason stopped() {
    return turn.stopped();
  }

  @Override
  public List<ToolRecord> tools() {
    return turn.tools();
  }

  @Override
  public void record(ToolRecord record) {
    turn.record(record);
  }

  @Override
  public RunningTool toolStarted(String callId, String tool, Map<String, Object> arguments) {
    return turn.toolStarted(callId, tool, arguments);
  }

  @Override
  public void toolEnded(RunningTool call) {
    turn.toolEnded(call);
  }

  @Override
  public void markJournaled(RunningTool call) {
    turn.markJournaled(call);
  }

  @Override
  public void guarded(TurnEvent.Guard event) {
    turn.guarded(event);
  }

  @Override
  public Span span() {
    return turn.span();
  }

  @Override
  public void handToHuman(EscalationReason reason, String summary, String explanation) {
    turn.handToHuman(reason, summary, explanation);
  }

  @Override
  public String toString() {
    return turn + " (" + scope + ")";
  }
}
