package io.frontdesk.conversation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The per-customer message rate limit ({@link TurnAdmission} applies it on every channel). */
@ConfigMapping(prefix = "frontdesk.rate-limit")
public interface RateLimitConfig {

  /** Whether customers' messages are rate limited at all. */
  @WithDefault("true")
  boolean enabled();

  /** Messages a customer may send per minute, on average. */
  @WithDefault("20")
  int perMinute();

  /** Messages a customer may send at once after a quiet spell. */
  @WithDefault("10")
  int burst();
}
