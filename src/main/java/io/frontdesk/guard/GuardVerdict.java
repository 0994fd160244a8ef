package io.frontdesk.guard;

import io.frontdesk.turn.TurnEvent;
import java.util.List;

/**
 * One guard's decision on one text: whether it triggered, its score, the configured action, the
 * findings, and the text that goes on (redacted or neutralised when the action changed it).
 */
public record GuardVerdict(
    String guard,
    boolean triggered,
    double score,
    GuardAction action,
    List<GuardFinding> findings,
    String text) {

  public GuardVerdict {
    findings = List.copyOf(findings);
  }

  /** The guard triggered and its action stops the text. */
  public boolean blocks() {
    return triggered && action == GuardAction.BLOCK;
  }

  /** The guard triggered and asks the turn to answer with care ({@link GuardAction#CARE}). */
  public boolean cares() {
    return triggered && action == GuardAction.CARE;
  }

  /** The turn's event for this triggered verdict at a stage (input, output or tool). */
  public TurnEvent.Guard event(String stage) {
    return new TurnEvent.Guard(stage, guard, action.name().toLowerCase(), score, blocks());
  }
}
