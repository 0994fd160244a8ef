package io.frontdesk.bench;

import static io.frontdesk.bench.BenchmarkFigures.cpu;
import static io.frontdesk.bench.BenchmarkFigures.fmt;
import static io.frontdesk.bench.BenchmarkFigures.threadMs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a missed target is missed, worked out from the run's own rows and profile: where the CPU of a
 * turn goes, and what that CPU allows on this machine (turns/s, latency at one in flight, streams
 * held). Arithmetic on measured figures, so it is as true as the run.
 */
final class MissedTargets {

  // profile B, one single-topology turn: the tool call (800 ms + 4 deltas of 25 ms), then the
  // answer: 800 ms to its first token and 200 tokens at 40 tokens/s
  private static final double PROFILE_B_TURN_MS = 800 + 4 * 25 + 800 + 200 * 25;

  private final Map<String, JsonNode> rows;
  private final JfrComponents.Profile profile;

  MissedTargets(Map<String, JsonNode> rows, JfrComponents.Profile profile) {
    this.rows = rows;
    this.profile = profile;
  }

  /** One paragraph per missed target it can explain; empty when there is nothing to explain. */
  List<String> explain() {
    List<String> out = new ArrayList<>();
    int cores = Runtime.getRuntime().availableProcessors();
    JsonNode soak = ok("soak-70pct");
    JsonNode bare = ok("bare-1");
    // the CPU target: twice the bare framework path's CPU per model call, measured in the run
    double target = bare != null ? 2 * cpu(bare) : 0;
    if (soak != null && target > 0 && cpu(soak) > target) {
      out.add(
          "**CPU per turn.** Warm (the soak), a single turn costs "
              + fmt(cpu(soak))
              + " ms: PostgreSQL "
              + fmt(soak.path("cpu_postgres_ms_per_turn").asDouble())
              + " ms and the service "
              + fmt(soak.path("cpu_service_ms_per_turn").asDouble())
              + " ms, by kind of thread "
              + threads(soak)
              + ". Where the two largest kinds spend it (Java samples of the whole run): "
              + threadParts()
              + "; the workers also run the embeddings, in native ONNX code that no sample"
              + " sees. Twice the bare framework call ("
              + fmt(target)
              + " ms) is "
              + fmt(100 * target / cpu(soak))
              + " % of this.");
    }
    double best = 0;
    JsonNode fastest = null;
    for (JsonNode r : rows.values()) {
      if (r.path("label").asText().startsWith("rest-closed-")
          && r.path("failed").asInt() == 0
          && r.path("ok_per_second").asDouble() > best) {
        best = r.path("ok_per_second").asDouble();
        fastest = r;
      }
    }
    if (fastest != null && best < 120) {
      double share = fastest.path("cpu_service_pg_pct").asDouble() / 100 * cores;
      out.add(
          "**Turns per second.** At "
              + fastest.path("label").asText()
              + " the service and PostgreSQL used "
              + fmt(share)
              + " of the "
              + cores
              + " cores (the stub and the load generator most of the rest: machine "
              + fmt(fastest.path("machine_cpu_busy_pct").asDouble())
              + " % busy) at "
              + fmt(cpu(fastest))
              + " ms per turn for "
              + fmt(best)
              + " turns/s. 120 turns/s on the same share of the cores needs "
              + fmt(share * 1000 / 120)
              + " ms per turn: the throughput target is the CPU target.");
    }
    JsonNode one = ok("latency-1");
    if (one != null && one.path("p50_ms").asDouble() > 15) {
      double p50 = one.path("p50_ms").asDouble();
      // the CPU on the turn's own path: event loops, workers and PostgreSQL (not the JIT or GC
      // threads, which run beside it)
      double onPath =
          threadMs(one, "vert.x-eventloo")
              + threadMs(one, "executor-thread")
              + one.path("cpu_postgres_ms_per_turn").asDouble();
      out.add(
          "**Latency at 1 in flight.** One turn at a time against a stub that answers at once"
              + " took p50 "
              + fmt(p50)
              + " ms; "
              + fmt(onPath)
              + " ms of it is CPU on the turn's own path (event loops, workers, PostgreSQL: two"
              + " model calls over the stream, the embeddings, a search, the turn's writes)"
              + (onPath >= 0.7 * p50
                  ? ", so the latency is that CPU and falls only with it."
                  : " and the other "
                      + fmt(p50 - onPath)
                      + " ms waiting: for a core (machine "
                      + fmt(one.path("machine_cpu_busy_pct").asDouble())
                      + " % busy; the JIT compiled "
                      + fmt(threadMs(one, "CompilerThre"))
                      + " ms per turn beside it) or for I/O."));
    }
    rows.values().stream()
        .filter(r -> r.path("label").asText().startsWith("stream-") && r.path("ok").asInt() > 0)
        .filter(
            r ->
                r.path("failures").path("http_429").asInt() > 0.05 * r.path("turns").asInt()
                    || r.path("in_flight").asInt() < 2000)
        .findFirst()
        .ifPresent(
            s -> {
              int streams = s.path("in_flight").asInt();
              // the warm turn's CPU, a lower bound for a streamed one (it relays 200 tokens more);
              // the stream row's own CPU per resolved turn also carries every busy refusal
              JsonNode warm = ok("soak-70pct");
              double perTurn = warm != null ? cpu(warm) : cpu(s);
              double turnsPerSecond = streams / (PROFILE_B_TURN_MS / 1000);
              out.add(
                  "**Streams.** "
                      + streams
                      + " streams of profile B, each turn at least "
                      + fmt(PROFILE_B_TURN_MS / 1000)
                      + " s of the stub's pacing, must end "
                      + fmt(turnsPerSecond)
                      + " turns/s to stay "
                      + streams
                      + " in flight; at "
                      + fmt(perTurn)
                      + (warm != null
                          ? " ms of service + PostgreSQL CPU per warm turn (the soak's; a streamed"
                              + " turn costs more)"
                          : " ms of service + PostgreSQL CPU per resolved turn")
                      + " that is at least "
                      + fmt(turnsPerSecond * perTurn / 1000)
                      + " cores, before the stub's and the client's own work for every token (machine "
                      + fmt(s.path("machine_cpu_busy_pct").asDouble())
                      + " % busy); the back-pressure answered "
                      + s.path("failures").path("http_429").asInt()
                      + " of "
                      + s.path("turns").asInt()
                      + " turns busy.");
            });
    return out;
  }

  private JsonNode ok(String label) {
    JsonNode r = rows.get(label);
    return r != null && r.path("ok").asInt() > 0 ? r : null;
  }

  /** The row's CPU per turn by kind of thread, the four largest. */
  private static String threads(JsonNode r) {
    List<String> kinds = new ArrayList<>();
    r.path("cpu_service_threads_ms_per_turn")
        .properties()
        .forEach(
            e -> {
              if (kinds.size() < 4) {
                kinds.add(e.getKey() + " " + fmt(e.getValue().asDouble()));
              }
            });
    return kinds.isEmpty() ? "(not recorded)" : String.join(", ", kinds);
  }

  /** For the two busiest kinds of thread, their largest parts of a turn's work. */
  private String threadParts() {
    List<String> out = new ArrayList<>();
    profile.byThread().entrySet().stream()
        .limit(2)
        .forEach(
            e -> {
              Map<String, Long> turn = new LinkedHashMap<>(e.getValue());
              turn.keySet().removeAll(JfrComponents.notATurn());
              out.add("`" + e.getKey() + "`: " + shares(turn, 4));
            });
    return out.isEmpty() ? "not recorded" : String.join("; ", out);
  }

  /** The {@code n} largest counts with their shares of all of them. */
  static String shares(Map<String, Long> counts, int n) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    List<String> top = new ArrayList<>();
    counts.forEach(
        (part, samples) -> {
          if (top.size() < n && total > 0) {
            top.add(part + " " + fmt(100.0 * samples / total) + " %");
          }
        });
    return String.join(", ", top);
  }
}
