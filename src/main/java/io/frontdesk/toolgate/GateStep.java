package io.frontdesk.toolgate;

/**
 * One check of the gate's pipeline, in order: authorization, argument validation, loop limits,
 * approval policy, idempotency. A step refuses with {@link ToolRefused} (the model is told why) or
 * stops the turn for a human with a turn control.
 */
interface GateStep {

  void check(GateCall call);
}
