package io.frontdesk.escalation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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

  /** When the team answers a ticket, per tier: what its notice promises the customer. */
  ResponseTime responseTime();

  /** The response target per customer tier. */
  interface ResponseTime {

    /** Free tier. */
    @WithDefault("24h")
    Duration free();

    /** Pro tier. */
    @WithDefault("8h")
    Duration pro();

    /** Enterprise tier. */
    @WithDefault("1h")
    Duration enterprise();

    /** The target of a tier (an unknown tier gets the free tier's). */
    default Duration of(String tier) {
      return switch (tier == null ? "" : tier) {
        case "enterprise" -> enterprise();
        case "pro" -> pro();
        default -> free();
      };
    }
  }
}
