package io.frontdesk.toolgate;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Step 5: the key under which a side effect runs once. An approved call's key is its approval's;
 * otherwise the tool, its canonical arguments and the scope it declared (the conversation, or the
 * turn). The key is claimed in the database in the side effect's own transaction.
 */
@ApplicationScoped
class IdempotencyStep implements GateStep {

  @Override
  public void check(GateCall call) {
    if (!call.tool().sideEffect()) {
      return;
    }
    if (call.grant() != null) {
      call.idempotencyKey(call.grant().idempotencyKey());
      return;
    }
    String scope =
        call.tool().once() == ToolRisk.OnceScope.TURN && call.turn() != null
            ? "turn:" + call.turn().turnId()
            : "conversation:" + call.conversationId();
    call.idempotencyKey(
        call.tool().name()
            + ":"
            + CanonicalArguments.sha256(scope + "|" + CanonicalArguments.of(call.arguments())));
  }
}
