package io.frontdesk.conversation;

/** What the engine learns while the agent works on a turn. */
final class TurnProgress {

  final TextGate text = new TextGate();
  volatile String answer;
  volatile boolean humanRequested;
  volatile Throwable failure;
  volatile String humanSummary;
  volatile boolean handoffLimit;

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
