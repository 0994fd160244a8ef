package io.frontdesk.agent.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The router: where its examples come from and when it is sure. */
@ConfigMapping(prefix = "frontdesk.router")
public interface RouterConfig {

  /** Off: every message goes to the agents (and the LLM triage) as without a router. */
  @WithDefault("true")
  boolean enabled();

  /** A route is taken (a handoff without triage, smalltalk, a human) at this probability. */
  @WithDefault("0.6")
  double confidenceThreshold();

  /**
   * Out of scope is taken once its probability reaches this, even when another route is likelier
   * (chosen by cross-validation on the shipped examples; above 1: never).
   */
  @WithDefault("0.3")
  double outOfScopeAt();

  /** Further example files (same format as routing/examples.txt), added to the shipped ones. */
  Optional<List<String>> extraExamples();

  /** L2 strength of the trained head; larger is smoother and less confident. */
  @WithDefault("0.0001")
  double l2();
}
