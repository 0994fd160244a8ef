package io.frontdesk.toolgate;

import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.ToolRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Step 3: a model stuck in a loop is stopped here. The same call (tool and arguments) made {@code
 * max-identical-calls} times in a turn is refused the next time, and a turn has a budget of tool
 * calls.
 */
@ApplicationScoped
class LoopLimits implements GateStep {

  private final ToolGateConfig config;

  LoopLimits(ToolGateConfig config) {
    this.config = config;
  }

  @Override
  public void check(GateCall call) {
    RunningTurn turn = call.turn();
    if (turn == null) {
      return;
    }
    List<ToolRecord> made = turn.tools();
    if (made.size() >= config.maxCallsPerTurn()) {
      throw new ToolRefused(
          "this turn has used its %d tool calls; answer with what you have or hand the"
                  .formatted(config.maxCallsPerTurn())
              + " conversation to a human colleague");
    }
    String self = CanonicalArguments.of(call.arguments());
    long same =
        made.stream()
            .filter(r -> r.tool().equals(call.tool().name()))
            .filter(r -> CanonicalArguments.of(r.arguments()).equals(self))
            .count();
    if (same >= config.maxIdenticalCalls()) {
      throw new ToolRefused(
          "%s was already called %d times with these arguments in this turn; do not repeat it"
              .formatted(call.tool().name(), same));
    }
  }
}
