package io.frontdesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MissedTargetsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theThroughputMissIsWorkedOutFromTheCpuPerTurnAndTheServicesShareOfTheCores()
      throws Exception {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    rows.put(
        "rest-closed-16",
        JSON.readTree(
            """
            {"label":"rest-closed-16","ok":400,"failed":0,"ok_per_second":40.0,
             "cpu_service_ms_per_turn":20.0,"cpu_postgres_ms_per_turn":5.0,
             "cpu_service_pg_pct":50.0,"machine_cpu_busy_pct":99.0}
            """));
    List<String> why =
        new MissedTargets(rows, new JfrComponents.Profile(Map.of(), Map.of())).explain();

    assertEquals(1, why.size(), "only the throughput has a row to explain it: " + why);
    double cores = Runtime.getRuntime().availableProcessors() * 0.5;
    String needed = BenchmarkFigures.fmt(cores * 1000 / 120);
    assertTrue(why.getFirst().contains("needs " + needed + " ms per turn"), why.getFirst());
    assertTrue(why.getFirst().contains("at 25.0 ms per turn for 40.0 turns/s"), why.getFirst());
  }

  @Test
  void latencyThatIsMostlyCpuOnTheTurnsPathIsSaidToBeThatCpu() throws Exception {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    rows.put(
        "latency-1",
        JSON.readTree(
            """
            {"label":"latency-1","ok":100,"p50_ms":20.0,"cpu_service_ms_per_turn":30.0,
             "cpu_postgres_ms_per_turn":4.0,"machine_cpu_busy_pct":60.0,
             "cpu_service_threads_ms_per_turn":{"vert.x-eventloo":9.0,"executor-thread":4.0,
               "C2 CompilerThre":17.0}}
            """));
    String why =
        new MissedTargets(rows, new JfrComponents.Profile(Map.of(), Map.of())).explain().getFirst();

    assertTrue(why.contains("17.0 ms of it is CPU on the turn's own path"), why);
    assertTrue(why.contains("so the latency is that CPU"), why);
  }
}
