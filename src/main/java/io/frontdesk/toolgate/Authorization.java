package io.frontdesk.toolgate;

import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.turn.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Step 1: may this caller use this tool on these resources? The tier must allow the tool, and every
 * argument naming an order, invoice, payment or service must name one of the caller's own; another
 * customer's is refused exactly like one that does not exist. (A connector's own ownership rule
 * runs at the end of {@link ArgumentValidation}: it calls the operator's system, and only with
 * arguments that passed validation.)
 */
@ApplicationScoped
class Authorization implements GateStep {

  private final ToolGateConfig config;
  private final OwnershipRepository ownership;
  private final ReactiveBridge bridge;

  Authorization(ToolGateConfig config, OwnershipRepository ownership, ReactiveBridge bridge) {
    this.config = config;
    this.ownership = ownership;
    this.bridge = bridge;
  }

  @Override
  public void check(GateCall call) {
    if (call.tool().control()) {
      return;
    }
    String tier = call.caller().tier();
    ToolGateConfig.Tier rules = config.tiers().get(tier);
    if (rules == null
        || rules.tools().stream().noneMatch(g -> Globs.matches(g, call.tool().name()))) {
      throw new ToolRefused(
          "%s is not available to customers on the %s plan; do not retry it. If the customer"
                  .formatted(call.tool().name(), tier)
              + " needs it, hand the conversation to a human colleague.");
    }
    for (Map.Entry<String, OwnedResource> owned : call.tool().owned().entrySet()) {
      Object value = call.arguments().get(owned.getKey());
      if (value instanceof String id
          && !id.isBlank()
          && !owns(call.caller(), owned.getValue(), id)) {
        throw ToolRefused.notYours(owned.getValue().noun(), id.strip());
      }
    }
    call.note("authorized for tier " + tier);
  }

  private boolean owns(Caller caller, OwnedResource resource, String id) {
    List<String> owners = bridge.await(() -> ownership.owners(resource, id.strip()));
    return !owners.isEmpty() && owners.stream().allMatch(caller.customerId()::equals);
  }
}
