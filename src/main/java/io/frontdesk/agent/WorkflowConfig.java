package io.frontdesk.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.List;
import java.util.Map;

/**
 * Sequential workflows for case types that need them, e.g. verify → diagnose → resolve → follow up.
 */
@ConfigMapping(prefix = "frontdesk.workflows")
public interface WorkflowConfig {

  /** Workflows by case type (the name in transfer_to_<case>_workflow). */
  @WithParentName
  Map<String, Workflow> cases();

  /** One case type. */
  interface Workflow {

    /** When to use it, written for the model that routes to it. */
    String handles();

    /** The steps, in order; each step's output is the next step's input. */
    List<Step> steps();
  }

  /** One step, run as its own agent invocation. */
  interface Step {

    /** Short name, shown in workflow_step events. */
    String name();

    /** What this step's agent must do. */
    String instructions();
  }
}
