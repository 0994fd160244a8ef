package io.frontdesk.conversation;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One message for the engine; the customer id comes from authentication. A system note is one
 * Frontdesk itself adds to a conversation (an approval's outcome, for the agent to tell the
 * customer): it skips the input guards and the human-request check, the transcript marks it as
 * Frontdesk's, and its prelude runs inside the turn before the agent answers (an approved tool
 * call, through the gate, recorded like any other).
 */
public record TurnRequest(
    String customerId,
    UUID conversationId,
    String message,
    String channel,
    boolean system,
    Function<TurnContext, List<TurnEvent>> prelude) {

  /** The agent whose name marks a system note in the transcript. */
  public static final String SYSTEM_AUTHOR = "frontdesk";

  public TurnRequest(String customerId, UUID conversationId, String message, String channel) {
    this(customerId, conversationId, message, channel, false, null);
  }

  /** A note to an existing conversation, answered by its active agent after the prelude ran. */
  public static TurnRequest systemNote(
      String customerId,
      UUID conversationId,
      String note,
      Function<TurnContext, List<TurnEvent>> prelude) {
    return new TurnRequest(customerId, conversationId, note, "rest", true, prelude);
  }
}
