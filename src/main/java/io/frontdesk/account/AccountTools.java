package io.frontdesk.account;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.GateCall;
import io.frontdesk.toolgate.GatedTools;
import io.frontdesk.toolgate.RiskLevel;
import io.frontdesk.toolgate.ToolCalls;
import io.frontdesk.toolgate.ToolRisk;
import io.frontdesk.turn.RunningTurn;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Account operations as the model sees them; the customer is the gate's caller, never an argument.
 * A password reset or email change asked for twice in one turn (a retry) is sent once; a later turn
 * may send it again.
 */
@ApplicationScoped
@GatedTools
public class AccountTools {

  static final String PERFORM_ACTION = "perform_account_action";

  private final AccountService accounts;
  private final ToolCalls calls;

  AccountTools(AccountService accounts, ToolCalls calls) {
    this.accounts = accounts;
    this.calls = calls;
  }

  @Tool(
      name = PERFORM_ACTION,
      value =
          "Perform an account operation for the customer in this conversation (already"
              + " identified; never ask for an id): password_reset emails a reset link,"
              + " email_update emails a link to change the address, subscription_info returns"
              + " plan, status and renewal date.")
  @ToolRisk(value = RiskLevel.DATA_MODIFICATION, once = ToolRisk.OnceScope.TURN)
  public AccountActionResult performAccountAction(
      @P("password_reset, email_update or subscription_info") String action,
      @ToolMemoryId RunningTurn turn) {
    GateCall call = calls.current();
    return calls.effect(
        BackendGuards.ACCOUNTS,
        tx -> accounts.perform(tx, call.caller().customerId(), action.strip()),
        AccountActionResult.class);
  }
}
