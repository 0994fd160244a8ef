package io.frontdesk.conversation;

import java.util.ArrayList;
import java.util.List;

/** What the engine learns while the agent works on a turn. */
final class TurnProgress {

  TurnProgress(AnswerFilter output) {
    this.output = output;
  }

  /** Answer text released by the text gate goes through the output guards before it is sent. */
  List<TurnEvent> answer(List<String> released, boolean endOfResponse) {
    List<TurnEvent> events = new ArrayList<>(output.accept(released));
    if (endOfResponse) {
      events.addAll(output.flush());
    }
    return events;
  }

  final TextGate text = new TextGate();
  final AnswerFilter output;
  volatile boolean inputBlocked;
  volatile String answer;
  volatile boolean humanRequested;
  volatile Throwable failure;
  volatile String humanSummary;
  volatile boolean handoffLimit;
  volatile ApprovalPending approval;

  /** The agent stream failed: a stopped turn keeps its reason, anything else is a failure. */
  void fail(TurnContext turn, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TurnStopped stopped) {
        turn.stop(stopped.reason());
        return;
      }
      if (t instanceof HumanRequested human) {
        humanSummary = human.summary();
        return;
      }
    }
    failure = error;
  }
}
