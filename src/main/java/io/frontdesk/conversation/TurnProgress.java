package io.frontdesk.conversation;

import io.frontdesk.turn.ApprovalPending;
import io.frontdesk.turn.HumanRequested;
import io.frontdesk.turn.TurnControl;
import io.frontdesk.turn.TurnEvent;
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
    answer = text;
    List<TurnEvent> events = new ArrayList<>(answer(this.text.accept(text), false));
    events.addAll(answer(this.text.endOfResponse(), true));
    return events;
  }

  final TextGate text = new TextGate();
  // characters of Text sent for the response being streamed (since the last whole one)
  private int streamed;
  final AnswerFilter output;
  volatile boolean inputBlocked;
  volatile String answer;
  volatile boolean humanRequested;
  volatile Throwable failure;
  volatile String humanSummary;
  volatile boolean handoffLimit;
  volatile ApprovalPending approval;

  /** Set when the router answered itself: the answer is as sure as the route. */
  volatile Double routerConfidence;

  /**
   * The agent stream failed: a stopped turn keeps its reason, a person asked for from a workflow
   * step is handed over, anything else is a failure.
   */
  void fail(TurnContext turn, Throwable error) {
    switch (TurnControl.in(error).orElse(null)) {
      case TurnStopped stopped -> turn.stop(stopped.reason());
      case HumanRequested human -> humanSummary = human.summary();
      case null, default -> failure = error;
    }
  }
}
