package io.frontdesk.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo data settings. */
@ConfigMapping(prefix = "frontdesk.demo-data")
public interface DemoDataConfig {

  /** Load the demo data set into an empty database at startup. */
  @WithDefault("true")
  boolean enabled();
}
