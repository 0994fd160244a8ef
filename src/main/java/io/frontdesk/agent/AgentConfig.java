package io.frontdesk.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How an agent turn is bounded. */
@ConfigMapping(prefix = "frontdesk.agent")
public interface AgentConfig {

  /** Chat model name used by the agents (any model the configured endpoint serves). */
  @WithDefault("gpt-4o-mini")
  String model();

  /** Tool-calling round trips per turn; the turn escalates when they are used up. */
  @WithDefault("10")
  int maxIterations();

  /** Wall time for one turn; the turn escalates when it runs out. */
  @WithDefault("60s")
  Duration timeout();

  /**
   * How long a turn that ended (its time ran out) waits for a tool call still running, so that what
   * the tool did is stored with the turn; longer than a backend's retries take.
   */
  @WithDefault("40s")
  Duration toolGrace();

  /**
   * How long a message waits for the turn still answering its conversation (on any replica) before
   * it is refused with 409: messages sent at once are answered one after the other.
   */
  @WithDefault("30s")
  Duration lockWait();

  /** single = the autonomous agent with all tools; multi = triage + specialists. */
  @WithDefault("multi")
  Topology topology();

  /** Handoffs allowed in one turn; one more escalates to a human. */
  @WithDefault("3")
  int maxHandoffs();
}
