package io.frontdesk.toolgate;

import java.util.Set;

/**
 * A tool's argument that only takes values from a list the operator configures (e.g. which account
 * actions the desk may perform). A feature declares one as a bean; the gate's argument validation
 * refuses any other value, so the gate knows the rule without knowing the feature.
 */
public interface ArgumentAllowlist {

  /** The tool, by the name the model calls it. */
  String tool();

  /** The argument, by its parameter name. */
  String argument();

  /** The values allowed today. */
  Set<String> values();
}
