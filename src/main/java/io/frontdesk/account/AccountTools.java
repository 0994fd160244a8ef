package io.frontdesk.account;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import io.frontdesk.conversation.TurnRegistry;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.GatedTools;
import jakarta.enterprise.context.ApplicationScoped;

/** Account operations as the model sees them; the customer is the turn's, never an argument. */
@ApplicationScoped
@GatedTools
public class AccountTools {

  private final AccountService accounts;
  private final TurnRegistry turns;
  private final ReactiveBridge bridge;

  AccountTools(AccountService accounts, TurnRegistry turns, ReactiveBridge bridge) {
    this.accounts = accounts;
    this.turns = turns;
    this.bridge = bridge;
  }

  @Tool(
      name = "perform_account_action",
      value =
          "Perform an account operation for the customer in this conversation (already"
              + " identified; never ask for an id): password_reset emails a reset link,"
              + " email_update emails a link to change the address, subscription_info returns"
              + " plan, status and renewal date.")
  public AccountActionResult performAccountAction(
      @P("password_reset, email_update or subscription_info") String action,
      @ToolMemoryId String conversationId) {
    String customerId = turns.require(conversationId).customerId();
    return bridge.await(() -> accounts.perform(customerId, action));
  }
}
