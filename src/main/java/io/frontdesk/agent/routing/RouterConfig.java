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

  /** Further example files (same format as routing/examples.txt), added to the shipped ones. */
  Optional<List<String>> extraExamples();

  /** L2 strength of the trained head; larger is smoother and less confident. */
  @WithDefault("0.0001")
  double l2();
}
