package io.frontdesk.connectors;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the operator keeps connector files; none configured: no connectors (the demo's default).
 */
@ConfigMapping(prefix = "frontdesk.connectors")
public interface ConnectorConfig {

  /** A folder of {@code *.yaml}, {@code *.yml} or {@code *.json} connector files. */
  Optional<Path> dir();
}
