package io.frontdesk.account;

import io.frontdesk.toolgate.ArgumentAllowlist;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** The account actions the desk may perform: {@code frontdesk.account.allowed-actions}. */
@ApplicationScoped
class AccountActionAllowlist implements ArgumentAllowlist {

  private final AccountConfig config;

  AccountActionAllowlist(AccountConfig config) {
    this.config = config;
  }

  @Override
  public String tool() {
    return AccountTools.PERFORM_ACTION;
  }

  @Override
  public String argument() {
    return "action";
  }

  @Override
  public Set<String> values() {
    return config.allowedActions();
  }
}
