package io.frontdesk.replica;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How replicas tell each other they are alive, so a dead one's turns are recovered. */
@ConfigMapping(prefix = "frontdesk.replica")
public interface ReplicaConfig {

  /**
   * This replica's name, stable across its restarts (default: the host name, which Kubernetes sets
   * to the pod's): a restart frees the turns its previous run left at once. Two live replicas never
   * share one; a second one gets a suffix.
   */
  Optional<String> name();

  /** How often this replica writes its heartbeat and looks for dead turns to recover. */
  @WithDefault("2s")
  Duration heartbeatEvery();

  /**
   * How long a replica may miss its heartbeat before its turns count as dead and another replica
   * recovers them; a few heartbeats, so a pause (a long GC, a slow disk) is not a death.
   */
  @WithDefault("10s")
  Duration staleAfter();
}
