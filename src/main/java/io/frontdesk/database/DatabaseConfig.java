package io.frontdesk.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Losing the database ({@code frontdesk.database}): probing, answers meanwhile, liveness. */
@ConfigMapping(prefix = "frontdesk.database")
public interface DatabaseConfig {

  /** How often the database is asked {@code select 1} on the probe's own connection. */
  @WithDefault("1s")
  Duration probeEvery();

  /** How long a probe may wait (connect or answer) before the database counts as unreachable. */
  @WithDefault("2s")
  Duration probeTimeout();

  /** The Retry-After of the 503 answered while the database is unreachable. */
  @WithDefault("5s")
  Duration retryAfter();

  /**
   * Liveness goes DOWN once the embedded PostgreSQL could not be restarted for this long: this
   * process cannot recover by itself, a restart of it (which takes the data folder back) may.
   */
  @WithDefault("2m")
  Duration restartGiveUpAfter();
}
