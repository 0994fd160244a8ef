package io.frontdesk.conversation;

import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.TurnEvent;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One message for the engine; the customer id comes from authentication. A system note is one
 * Frontdesk itself adds to a conversation (an approval's outcome, for the agent to tell the
 * customer): it skips the input guards and the human-request check, the transcript marks it as
 * Frontdesk's, and its prelude runs inside the turn before the agent answers (an approved tool
 * call, through the gate, recorded like any other). {@code turnId}, when set, is the turn's own id
 * (a turn tried again keeps it: its message is stored once); {@code deadReplica}, when set, makes
 * this the re-run of a turn that replica left behind when it died (its message is stored already).
 */
public record TurnRequest(
    String customerId,
    UUID conversationId,
    String message,
    String channel,
    boolean system,
    Function<RunningTurn, List<TurnEvent>> prelude,
    UUID turnId,
    UUID deadReplica) {

  /** The agent whose name marks a system note in the transcript. */
  public static final String SYSTEM_AUTHOR = "frontdesk";

  public TurnRequest(String customerId, UUID conversationId, String message, String channel) {
    this(customerId, conversationId, message, channel, false, null, null, null);
  }

  /** A note to an existing conversation, answered by its active agent after the prelude ran. */
  public static TurnRequest systemNote(
      String customerId,
      UUID conversationId,
      String note,
      Function<RunningTurn, List<TurnEvent>> prelude) {
    return systemNote(customerId, conversationId, note, UUID.randomUUID(), prelude);
  }

  /**
   * A note that is always the same turn, however often it is tried (an approval's follow-up after a
   * crash): its note is stored once.
   */
  public static TurnRequest systemNote(
      String customerId,
      UUID conversationId,
      String note,
      UUID turnId,
      Function<RunningTurn, List<TurnEvent>> prelude) {
    return new TurnRequest(customerId, conversationId, note, "rest", true, prelude, turnId, null);
  }

  /**
   * The customer's stored message of a turn that died with {@code deadReplica}, answered again
   * under the same turn id once its lock is taken over.
   */
  static TurnRequest rerun(
      String customerId, UUID conversationId, String message, UUID turnId, UUID deadReplica) {
    return new TurnRequest(
        customerId, conversationId, message, "rest", false, null, turnId, deadReplica);
  }

  /** The re-run of a dead turn: its message is stored, its lock is taken over. */
  public boolean rerun() {
    return deadReplica != null;
  }

  /**
   * Whether someone may watch the answer grow: everything but a customer's REST inquiry, which gets
   * the whole answer at once (a system note or a re-run may be on a customer's open chat).
   */
  public boolean streamed() {
    return !"rest".equals(channel) || system || rerun();
  }
}
