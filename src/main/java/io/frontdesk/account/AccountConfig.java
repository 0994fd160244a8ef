package io.frontdesk.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** Account operations the agents may perform for a customer. */
@ConfigMapping(prefix = "frontdesk.tools.account-actions")
public interface AccountConfig {

  /** The allowlist for perform_account_action; anything else is refused. */
  @WithDefault("password_reset,email_update,subscription_info")
  Set<String> allowedActions();
}
