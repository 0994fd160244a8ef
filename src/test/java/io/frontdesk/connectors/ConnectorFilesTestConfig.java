package io.frontdesk.connectors;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** The configuration the loader tests read secrets and placeholders from. */
final class ConnectorFilesTestConfig {

  static final Config CONFIG =
      new SmallRyeConfigBuilder()
          .withSources(
              new PropertiesConfigSource(
                  Map.of("SHOP_API_URL", "http://127.0.0.1:9", "SHOP_API_TOKEN", "t"), "test", 500))
          .build();

  private ConnectorFilesTestConfig() {}
}
