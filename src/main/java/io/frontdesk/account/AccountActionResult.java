package io.frontdesk.account;

import io.frontdesk.toolgate.EffectTrace;
import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** What perform_account_action tells the model. */
@RegisterForReflection
public record AccountActionResult(
    String action, String status, String message, Map<String, Object> details)
    implements ToolOutput, EffectTrace {

  /** What the customer reads in the transcript; a look-up (subscription_info) changed nothing. */
  @Override
  public String trace() {
    Object to = details.get("sent_to");
    return switch (action) {
      case "password_reset" -> "A password reset link was sent to %s.".formatted(to);
      case "email_update" -> "A link to change your email address was sent to %s.".formatted(to);
      default -> null;
    };
  }
}
