package io.frontdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** The benchmark's figures beside the targets, from the result rows and the run's facts. */
final class BenchmarkFigures {

  // the stub's own time in a single turn: two model calls of profile A
  private static final double PROFILE_A_FLOOR_MS = 2 * 20;
  // profile B, single turn: the tool call (800 ms + 4 paced deltas) then 800 ms to the first token
  // of the answer and its first paced delta
  private static final double PROFILE_B_TTFT_FLOOR_MS = 800 + 4 * 25 + 800 + 25;

  private final Properties meta;
  private final Map<String, JsonNode> rows;
  private final List<String[]> figures = new ArrayList<>();

  BenchmarkFigures(Properties meta, Map<String, JsonNode> rows) {
    this.meta = meta;
    this.rows = rows;
  }

  /** Every figure: name, measured, target, met ("yes" or "**no**"). */
  List<String[]> all() {
    sideBySide();
    JsonNode soak = rows.get("soak-70pct");
    if (soak != null && soak.path("ok").asInt() > 0) {
      add(
          "CPU per single turn (service + PostgreSQL), warm: the soak at 70 % load",
          cpuText(soak), "–", true);
    }
    JsonNode single16 = rows.get("rest-closed-16");
    JsonNode multi = rows.get("multi-closed-16");
    if (multi != null && multi.path("ok").asInt() > 0 && single16 != null && cpu(single16) > 0) {
      double ratio = cpu(multi) / cpu(single16);
      add(
          "CPU per multi turn / per single turn, both 16 in flight (multi: "
              + fmt(multi.path("model_calls_per_turn").asDouble())
              + " model calls/turn)",
          cpuText(multi) + " / " + cpuText(single16) + " = " + fmt2(ratio) + "×",
          "≤ 1.3×",
          ratio <= 1.3);
    }
    int failed = turnRows().mapToInt(r -> r.path("failed").asInt()).sum();
    int busy = turnRows().mapToInt(r -> r.path("failures").path("http_429").asInt()).sum();
    int turns = turnRows().mapToInt(r -> r.path("turns").asInt()).sum();
    add(
        "silent failures, all load levels and the WebSocket conversations (escalated, error event,"
            + " non-200 other than 429 busy, timeout)",
        (failed - busy) + " of " + turns,
        "0",
        failed - busy == 0);
    add(
        "turns refused with 429 busy and Retry-After (back-pressure past capacity; the client"
            + " waits as asked and tries again)",
        busy + " of " + turns,
        "–",
        true);
    List<String> broken =
        rows.values().stream()
            .filter(r -> r.has("step_failed"))
            .map(r -> r.path("label").asText() + ": " + r.path("step_failed").asText())
            .toList();
    add(
        "harness steps that failed or hung",
        broken.isEmpty() ? "0" : broken.size() + " (" + String.join("; ", broken) + ")",
        "0",
        broken.isEmpty());
    double max =
        turnRows()
            .filter(
                r ->
                    r.path("label").asText().startsWith("rest-closed-")
                        && r.path("failed").asInt() == 0)
            .mapToDouble(r -> r.path("ok_per_second").asDouble())
            .max()
            .orElse(0);
    add(
        "max successful turns/s with zero failures (20 ms stub, REST)",
        fmt(max),
        "≥ 120",
        max >= 120);
    JsonNode one = rows.get("latency-1");
    if (one != null && one.path("ok").asInt() > 0) {
      add(
          "added latency p50 at 1 in flight (stub 0 ms)",
          fmt(one.path("p50_ms").asDouble()) + " ms",
          "≤ 15 ms",
          one.path("p50_ms").asDouble() <= 15);
      add(
          "added latency p99 at 1 in flight (stub 0 ms)",
          fmt(one.path("p99_ms").asDouble()) + " ms",
          "–",
          true);
    }
    JsonNode open = rows.get("soak-70pct");
    if (open != null && open.path("ok").asInt() > 0) {
      add(
          "added latency p50 / p99 at 70 % of max (open loop, "
              + open.path("rate").asText()
              + " turns/s, the soak; minus the stub's 40 ms)",
          fmt(open.path("p50_ms").asDouble() - PROFILE_A_FLOOR_MS)
              + " / "
              + fmt(open.path("p99_ms").asDouble() - PROFILE_A_FLOOR_MS)
              + " ms",
          "–",
          true);
    }
    streaming();
    sockets();
    prop(
        "nocache_ready_ms",
        "ready, initialised data folder, without the AOT cache",
        "ms",
        "–",
        Double.MAX_VALUE);
    prop(
        "nocache_first_answer_ms",
        "first answer after ready, without the AOT cache",
        "ms",
        "–",
        Double.MAX_VALUE);
    prop(
        "single_ready_ms",
        "ready, initialised data folder, with the AOT cache of the fresh start",
        "ms",
        "≤ 3,000 ms",
        3000);
    prop(
        "single_first_answer_ms",
        "first answer after ready, with the AOT cache",
        "ms",
        "≤ 300 ms",
        300);
    prop("single_rss_mb", "RSS after the first request", "MB", "–", Double.MAX_VALUE);
    prop(
        "single_rss_after_load_mb",
        "RSS after the load levels, the latency runs and the soak (before the 10,000 sockets)",
        "MB",
        "≤ 400 MiB",
        400 * 1.048576);
    soak();
    String wall = meta.getProperty("wall_seconds");
    if (wall != null && "0".equals(meta.getProperty("quick"))) {
      int seconds = Integer.parseInt(wall);
      add(
          "`bin/benchmark` end to end (after the build)",
          seconds / 60 + " min " + seconds % 60 + " s",
          "≤ 15 min",
          seconds <= 15 * 60);
    }
    return figures;
  }

  /** Profile B over SSE: how many streams held, their added TTFT and gaps, the CPU it took. */
  private void streaming() {
    rows.values().stream()
        .filter(r -> r.path("label").asText().startsWith("stream-") && !r.has("step_failed"))
        .findFirst()
        .ifPresent(
            s -> {
              double ttft50 = s.path("ttft_p50_ms").asDouble() - PROFILE_B_TTFT_FLOOR_MS;
              double ttft99 = s.path("ttft_p99_ms").asDouble() - PROFILE_B_TTFT_FLOOR_MS;
              double machine = s.path("machine_cpu_busy_pct").asDouble();
              add(
                  "concurrent streaming turns (profile B, SSE): streams, failures, machine CPU",
                  s.path("in_flight").asInt()
                      + " streams, "
                      + s.path("failed").asInt()
                      + " of "
                      + s.path("turns").asInt()
                      + " turns failed ("
                      + fmt(100 * refusedShare(s))
                      + " % refused busy), CPU "
                      + fmt(machine)
                      + " % (service + PostgreSQL "
                      + fmt(s.path("cpu_service_pg_pct").asDouble())
                      + " %)",
                  "≥ 2,000 streams, ≤ 5 % refused",
                  s.path("in_flight").asInt() >= 2000 && refusedShare(s) <= 0.05);
              if (s.path("ok").asInt() == 0) {
                add(
                    "streaming added TTFT p50 / p99",
                    "no stream resolved",
                    "p99 ≤ 1,000 ms",
                    false);
                return;
              }
              add(
                  "streaming added TTFT p50 / p99 (TTFT − "
                      + fmt(PROFILE_B_TTFT_FLOOR_MS)
                      + " ms stub floor)",
                  fmt(ttft50) + " / " + fmt(ttft99) + " ms",
                  "p99 ≤ 1,000 ms",
                  ttft99 <= 1000);
              add(
                  "streaming inter-token gap p50 / p99 (stub paces 25 ms)",
                  fmt(s.path("gap_p50_ms").asDouble())
                      + " / "
                      + fmt(s.path("gap_p99_ms").asDouble())
                      + " ms",
                  "–",
                  true);
            });
  }

  /** WebSocket: turn latency, idle connections per GiB and heap per active conversation. */
  private void sockets() {
    JsonNode turns = rows.get("ws-closed-16");
    if (turns != null && turns.path("ok").asInt() > 0) {
      add(
          "WebSocket turn latency p50 / p99 at 16 in flight (20 ms stub), first text p50",
          fmt(turns.path("p50_ms").asDouble())
              + " / "
              + fmt(turns.path("p99_ms").asDouble())
              + " ms, "
              + fmt(turns.path("ttft_p50_ms").asDouble())
              + " ms",
          "–",
          true);
    }
    JsonNode memory = rows.get("ws-memory");
    if (memory == null || memory.has("step_failed")) {
      add("idle WebSocket connections per GiB", "not measured (step failed)", "≥ 50,000", false);
      add("heap per active conversation", "not measured (step failed)", "≤ 100 KB", false);
      return;
    }
    double perGib = memory.path("connections_per_gib").asDouble();
    add(
        "idle WebSocket connections per GiB of heap (%d of %d open, %s KB each)"
            .formatted(
                memory.path("connections_open").asInt(),
                memory.path("connections_asked").asInt(),
                fmt(memory.path("bytes_per_connection").asDouble() / 1024)),
        String.format(Locale.ROOT, "%,.0f", perGib),
        "≥ 50,000",
        perGib >= 50_000
            && memory.path("connections_open").asInt() == memory.path("connections_asked").asInt());
    double perConversation = memory.path("bytes_per_conversation").asDouble() / 1024;
    add(
        "heap per active conversation ("
            + memory.path("conversations").asInt()
            + " conversations, one WebSocket turn each, "
            + memory.path("ok").asInt()
            + " resolved)",
        fmt(perConversation) + " KB",
        "≤ 100 KB",
        memory.path("conversations").asInt() > 0 && perConversation <= 100);
  }

  /** Heap after a full GC at the soak's start and end. */
  private void soak() {
    String start = meta.getProperty("soak_start_live_heap_mb");
    String end = meta.getProperty("soak_end_live_heap_mb");
    JsonNode soak = rows.get("soak-70pct");
    if (soak == null) {
      return;
    }
    if (start == null || end == null || soak.has("step_failed")) {
      add(
          "soak at 70 % load: live heap after a full GC",
          "not measured (step failed)", "flat", false);
      return;
    }
    double grew = Double.parseDouble(end) - Double.parseDouble(start);
    add(
        "soak %d s at 70 %% load (%d turns, %d failed): live heap after a full GC, start → end"
            .formatted(
                soak.path("seconds").asInt(),
                soak.path("turns").asInt(),
                soak.path("failed").asInt()),
        start + " → " + end + " MB (" + (grew >= 0 ? "+" : "") + fmt(grew) + " MB)",
        "≥ 600 s, flat: grows by ≤ 5 MB (a leak grows; a heap that shrinks is not one)",
        soak.path("seconds").asInt() >= 600 && grew <= 5 && soak.path("failed").asInt() == 0);
  }

  /**
   * Frontdesk beside the bare quarkus-langchain4j path (one tool-less call per request), both on
   * the 0 ms stub in the same run: CPU per Frontdesk turn over CPU per bare model call.
   */
  private void sideBySide() {
    for (String n : List.of("1", "4")) {
      JsonNode desk = rows.get(n.equals("1") ? "latency-1" : "single-" + n);
      JsonNode bare = rows.get("bare-" + n);
      if (desk == null
          || bare == null
          || desk.path("ok").asInt() == 0
          || bare.path("ok").asInt() == 0
          || cpu(bare) <= 0) {
        continue;
      }
      double calls = desk.path("model_calls_per_turn").asDouble();
      double ratio = cpu(desk) / cpu(bare);
      add(
          "CPU per warm single turn / the bare framework's CPU per model call, "
              + n
              + " in flight (stub 0 ms; Frontdesk "
              + fmt(calls)
              + " model calls/turn: "
              + fmt2(calls == 0 ? 0 : ratio / calls)
              + "× per model call)",
          cpuText(desk) + " / " + fmt2(cpu(bare)) + " ms = " + fmt2(ratio) + "×",
          "≤ 2×",
          ratio <= 2);
    }
  }

  /** The share of a row's turns refused with 429 busy. */
  private static double refusedShare(JsonNode r) {
    int turns = r.path("turns").asInt();
    return turns == 0 ? 0 : r.path("failures").path("http_429").asInt() / (double) turns;
  }

  static String fmt2(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private Stream<JsonNode> turnRows() {
    return rows.values().stream().filter(r -> !r.has("step_failed"));
  }

  /** Service + PostgreSQL, and how much of the service's share the JIT compiler threads took. */
  static String cpuText(JsonNode r) {
    double jit = threadMs(r, "CompilerThre");
    return fmt(cpu(r))
        + " ms ("
        + fmt(r.path("cpu_service_ms_per_turn").asDouble())
        + " + "
        + fmt(r.path("cpu_postgres_ms_per_turn").asDouble())
        + (r.has("cpu_service_threads_ms_per_turn")
            ? "; the JIT compiling " + fmt(jit) + " of the service's"
            : "")
        + ")";
  }

  private void prop(String key, String figure, String unit, String target, double limit) {
    String value = meta.getProperty(key);
    if (value != null) {
      add(figure, value + " " + unit, target, Double.parseDouble(value) <= limit);
    }
  }

  private void add(String figure, String measured, String target, boolean met) {
    figures.add(new String[] {figure, measured, target, met ? "yes" : "**no**"});
  }

  /** CPU ms per turn of the row's kinds of thread whose name contains {@code name}. */
  static double threadMs(JsonNode r, String name) {
    double ms = 0;
    for (var e : r.path("cpu_service_threads_ms_per_turn").properties()) {
      if (e.getKey().contains(name)) {
        ms += e.getValue().asDouble();
      }
    }
    return ms;
  }

  /** Service + PostgreSQL CPU ms per successful turn. */
  static double cpu(JsonNode r) {
    return r.path("cpu_service_ms_per_turn").asDouble()
        + r.path("cpu_postgres_ms_per_turn").asDouble();
  }

  static String fmt(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
  }
}
