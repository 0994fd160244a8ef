package io.frontdesk.escalation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** When a turn is handed to a human, and who is told. */
@ConfigMapping(prefix = "frontdesk.escalation")
public interface EscalationConfig {

  /** Answers scored below this confidence are escalated. */
  @WithDefault("0.7")
  double confidenceThreshold();

  /** Notify human agents (console event, webhook) when a ticket is opened. */
  @WithDefault("true")
  boolean notifyOnEscalation();

  /** Optional URL that receives each new ticket as JSON (POST, retried 3 times). */
  Optional<String> webhookUrl();
}
