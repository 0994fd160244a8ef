package io.frontdesk.conversation;

import io.frontdesk.turn.HumanRequested;
import io.frontdesk.turn.TurnControl;
import io.frontdesk.turn.TurnEvent;
import io.frontdesk.turn.TurnOutcome;
import io.frontdesk.turn.TurnStopped;
import java.util.ArrayList;
import java.util.List;

/** What the engine learns while the agent works on a turn. */
final class TurnProgress {

  TurnProgress(AnswerFilter output) {
    this.output = output;
  }

  /** Answer text released by the text gate goes through the output guards before it is sent. */
  synchronized List<TurnEvent> answer(List<String> released, boolean endOfResponse) {
    List<TurnEvent> events = new ArrayList<>(output.accept(released));
    if (endOfResponse) {
      events.addAll(output.flush());
    }
    for (TurnEvent event : events) {
      if (event instanceof TurnEvent.Text text) {
        streamed += text.delta().length();
      }
    }
    if (endOfResponse) {
      // a whole response: it stays (in memory and the transcript), only a later one can break off
      streamed = 0;
    }
    return events;
  }

  /**
   * The model response being streamed broke off (its stream failed, or the turn stopped): what the
   * gates still hold is dropped, and the text already sent of it is withdrawn (none: no event).
   */
  synchronized List<TurnEvent> withdraw() {
    text.discard();
    output.discard();
    int sent = streamed;
    streamed = 0;
    return sent == 0 ? List.of() : List.of(new TurnEvent.AnswerWithdrawn(sent));
  }

  /** An answer that arrives whole (a workflow's last step, the router's reply), sent as one. */
  List<TurnEvent> whole(String text) {
    finalAnswer(text);
    List<TurnEvent> events = new ArrayList<>(answer(this.text.accept(text), false));
    events.addAll(answer(this.text.endOfResponse(), true));
    return events;
  }

  final TextGate text = new TextGate();
  final AnswerFilter output;
  final ModelUsage usage = new ModelUsage();
  // guarded by this, as everything below
  // characters of Text sent for the response being streamed (since the last whole one)
  private int streamed;
  private String answer;
  private Double routerConfidence;
  private TurnOutcome outcome = new TurnOutcome.Answered();

  /** The agents' work ended short of an answer; the first such end is the one that counts. */
  synchronized void end(TurnOutcome ended) {
    if (outcome instanceof TurnOutcome.Answered) {
      outcome = ended;
    }
  }

  synchronized TurnOutcome outcome() {
    return outcome;
  }

  /** The failure the agents' work ended with, or null. */
  synchronized Throwable failure() {
    return outcome instanceof TurnOutcome.Failed failed ? failed.error() : null;
  }

  /** The last whole response of the agent (the answer, unless the output guards withhold it). */
  synchronized void finalAnswer(String text) {
    answer = text;
  }

  synchronized String finalAnswer() {
    return answer;
  }

  /** The router answered itself: the answer is as sure as the route. */
  synchronized void routerConfidence(double confidence) {
    routerConfidence = confidence;
  }

  /** Set when the router answered itself, else null. */
  synchronized Double routerConfidence() {
    return routerConfidence;
  }

  /**
   * The agent stream failed: a stopped turn keeps its reason, a person asked for from a workflow
   * step is handed over, anything else is a failure.
   */
  void fail(TurnContext turn, Throwable error) {
    switch (TurnControl.in(error).orElse(null)) {
      case TurnStopped stopped -> turn.stop(stopped.reason());
      case HumanRequested human -> end(new TurnOutcome.AgentEscalated(human.summary()));
      case null, default -> end(new TurnOutcome.Failed(error));
    }
  }
}
