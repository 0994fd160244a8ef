package io.frontdesk.guard;

import java.util.List;

/**
 * The outcome of one pipeline stage on one text: whether a guard blocked it, the text that goes on
 * (redacted or neutralised where a guard's action changed it), and every guard's verdict, from
 * which the caller emits one {@code guard} event per triggered verdict.
 */
public record GuardCheck(boolean blocked, String text, List<GuardVerdict> verdicts) {

  public GuardCheck {
    verdicts = List.copyOf(verdicts);
  }

  /**
   * The message goes on but must be answered with care: a guard found the customer upset or
   * swearing at the situation, not at a person. The turn acknowledges it in its answer and offers a
   * person (a ticket or a human agent); docs/security.md says what the turn must do. Never true for
   * a blocked message.
   */
  public boolean care() {
    return !blocked && verdicts.stream().anyMatch(GuardVerdict::cares);
  }

  /**
   * The message was refused as abuse aimed at people (a threat, harassment, hate, an insult): a
   * toxicity guard blocked it. The turn refuses it calmly and hands the conversation to a person.
   */
  public boolean abuse() {
    return blocked
        && verdicts.stream()
            .anyMatch(
                v ->
                    v.blocks()
                        && (v.guard().equals(ToxicityDetector.GUARD)
                            || v.guard().equals(EmbeddingHeads.TOXICITY_GUARD)));
  }

  /** The verdicts of guards that triggered, in the order they ran. */
  public List<GuardVerdict> triggered() {
    return verdicts.stream().filter(GuardVerdict::triggered).toList();
  }
}
