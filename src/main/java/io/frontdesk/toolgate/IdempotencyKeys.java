package io.frontdesk.toolgate;

/**
 * The key under which a side effect runs once: the tool, its canonical arguments and the scope the
 * tool declared (the conversation, or the turn). An approved call keeps the key its request was
 * stored with, so the approval, the execution and any later identical call share one key.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  public static String of(GateCall call) {
    if (call.grant() != null) {
      return call.grant().idempotencyKey();
    }
    String scope =
        call.tool().once() == ToolRisk.OnceScope.TURN && call.turn() != null
            ? "turn:" + call.turn().turnId()
            : "conversation:" + call.conversationId();
    return call.tool().name()
        + ":"
        + CanonicalArguments.sha256(scope + "|" + CanonicalArguments.of(call.arguments()));
  }
}
