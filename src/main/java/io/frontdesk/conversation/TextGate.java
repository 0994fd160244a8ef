package io.frontdesk.conversation;

import io.frontdesk.agent.AgentPrompts;
import java.util.List;

/**
 * Holds back the first characters of each model answer until it is clear the answer is not an
 * "ESCALATE:" hand-off, which is for humans and is never streamed to the customer.
 */
final class TextGate {

  static final String ESCALATE = AgentPrompts.ESCALATE;

  private final StringBuilder held = new StringBuilder();
  private boolean decided;
  private boolean suppressed;
  private boolean silent;

  /** A router's text is never shown: it only hands conversations on. */
  synchronized void silence(boolean silent) {
    this.silent = silent;
  }

  /** Deltas to send now for one streamed chunk. */
  synchronized List<String> accept(String chunk) {
    if (silent) {
      return List.of();
    }
    if (decided) {
      return suppressed ? List.of() : List.of(chunk);
    }
    held.append(chunk);
    String start = held.toString().stripLeading();
    if (start.length() < ESCALATE.length() && ESCALATE.startsWith(start)) {
      return List.of();
    }
    decided = true;
    suppressed = start.startsWith(ESCALATE);
    return suppressed ? List.of() : List.of(release());
  }

  /** The model response ended: whatever was held goes out, unless it was a hand-off. */
  synchronized List<String> endOfResponse() {
    String rest = suppressed || silent ? "" : release();
    held.setLength(0);
    decided = false;
    suppressed = false;
    return rest.isEmpty() ? List.of() : List.of(rest);
  }

  /** The model response broke off: what was held is dropped, never sent. */
  synchronized void discard() {
    held.setLength(0);
    decided = false;
    suppressed = false;
  }

  private String release() {
    String out = held.toString();
    held.setLength(0);
    return out;
  }
}
