package io.frontdesk.conversation;

/**
 * A turn ended without its conversation's lock: its lease ran out and another turn took the
 * conversation, or its replica was taken for dead and recovery answers its message. It stores
 * nothing (what its side effects did was stored as they ran).
 */
final class TurnLockLost extends RuntimeException {

  TurnLockLost(TurnContext turn) {
    super(
        "Turn %s of conversation %s no longer holds the conversation; its answer is not stored"
            .formatted(turn.turnId(), turn.conversationId()),
        null,
        false,
        false);
  }
}
