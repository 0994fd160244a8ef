package io.frontdesk.conversation;

import io.frontdesk.conversation.TurnRecoveryRepository.DeadTurn;
import io.frontdesk.conversation.TurnRecoveryRepository.Effect;
import java.util.List;
import java.util.Locale;

/** What a customer reads when a message's answer was lost with its replica and is not re-run. */
final class RecoveryNotice {

  private static final int QUOTE_CHARS = 80;

  private RecoveryNotice() {}

  /**
   * The message quoted, what its side effects did (their own lines), which ones may or may not have
   * finished, and the plain request to send it again.
   */
  static String text(DeadTurn turn) {
    StringBuilder text =
        new StringBuilder("Sorry, a technical problem interrupted my answer to your message “")
            .append(quote(turn.question()))
            .append("”.");
    if (!turn.traces().isEmpty()) {
      text.append(" Before it stopped, this was done: ").append(String.join(" ", turn.traces()));
    }
    List<String> unknown =
        turn.effects().stream().filter(e -> !e.finished()).map(RecoveryNotice::name).toList();
    if (!unknown.isEmpty()) {
      text.append(" I could not confirm whether this finished: ")
          .append(String.join(", ", unknown))
          .append("; please check before asking for it again.");
    }
    return text.append(" If you still need anything, please send your message again.").toString();
  }

  private static String quote(String message) {
    String flat = message.strip().replaceAll("\\s+", " ");
    return flat.length() <= QUOTE_CHARS ? flat : flat.substring(0, QUOTE_CHARS) + "…";
  }

  private static String name(Effect effect) {
    return effect.tool().replace('_', ' ').toLowerCase(Locale.ROOT);
  }
}
