package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A guarded backend call keeps its backend's one fault-tolerance metrics collector: SmallRye's
 * {@code @ApplyGuard} made a new one per call and never let it go (the soak's leak, about one per
 * turn). Counted in the live heap after a full GC, by the JVM's own class histogram.
 */
@QuarkusTest
class BackendGuardMetricsTest {

  private static final String COLLECTOR =
      "io.smallrye.faulttolerance.core.metrics.MetricsCollector";

  @Inject KnowledgeService knowledge;

  @Test
  void guardedCallsDoNotLeaveAMetricsCollectorEach() throws Exception {
    search(); // the backend's collector exists from its first call on
    long before = liveInstances(COLLECTOR);
    for (int i = 0; i < 200; i++) {
      search();
    }
    long after = liveInstances(COLLECTOR);
    assertTrue(after - before < 5, "collectors " + before + " -> " + after + " over 200 calls");
  }

  private void search() {
    assertFalse(
        knowledge
            .search(Collection.values()[0], "How do I export my data?", 3)
            .await()
            .atMost(Duration.ofSeconds(10))
            .isEmpty());
  }

  /** Live instances of a class: the diagnostic command behind {@code jcmd GC.class_histogram}. */
  private static long liveInstances(String className) throws Exception {
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    for (String line : histogram.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[3].equals(className)) {
        return Long.parseLong(f[1]);
      }
    }
    return 0;
  }
}
