package io.frontdesk.toolgate;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Step 5: the key under which a side effect runs once ({@link IdempotencyKeys}). It is claimed in
 * the database in the side effect's own transaction ({@link ToolCalls#effect}), so a second
 * identical call, on any replica, finds the first one's result instead of acting again.
 */
@ApplicationScoped
class IdempotencyStep implements GateStep {

  @Override
  public void check(GateCall call) {
    if (call.tool().sideEffect()) {
      call.idempotencyKey(IdempotencyKeys.of(call));
    }
  }
}
