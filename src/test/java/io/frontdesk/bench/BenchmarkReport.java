package io.frontdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@code reports/benchmark.md} and {@code reports/benchmark.json} from what {@code
 * bin/benchmark} measured: every figure beside its target, the machine, the commit and the load.
 */
public final class BenchmarkReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  // the stub's own time in a single turn: two model calls of profile A
  private static final double PROFILE_A_FLOOR_MS = 2 * 20;
  // profile B, single turn: the tool call (800 ms + 4 paced deltas) then 800 ms to the first token
  // of the answer and its first paced delta
  private static final double PROFILE_B_TTFT_FLOOR_MS = 800 + 4 * 25 + 800 + 25;

  private final Properties meta = new Properties();
  private final Map<String, JsonNode> rows = new LinkedHashMap<>();
  private final List<String[]> figures = new ArrayList<>();
  private final ObjectNode json = JSON.createObjectNode();

  public static void main(String[] args) throws IOException {
    new BenchmarkReport().write(Path.of(args[0]), Path.of(args[1]));
  }

  private void write(Path work, Path reports) throws IOException {
    meta.load(new StringReader(Files.readString(work.resolve("meta.properties"))));
    for (String line : Files.readAllLines(work.resolve("results.jsonl"))) {
      if (!line.isBlank()) {
        JsonNode row = JSON.readTree(line);
        rows.put(row.path("label").asText(), row);
      }
    }
    figures();
    StringBuilder md = new StringBuilder();
    md.append("# Frontdesk benchmark\n\n");
    md.append("Written by `").append(meta.getProperty("command", "bin/benchmark")).append("`");
    md.append(" (").append(meta.getProperty("started")).append(" → ");
    md.append(meta.getProperty("finished")).append(").\n\n");
    md.append("- machine: ").append(meta.getProperty("machine")).append("\n");
    md.append("- commit: ").append(meta.getProperty("commit")).append("\n");
    md.append("- load average before / after: ").append(meta.getProperty("load_before"));
    md.append(" / ")
        .append(meta.getProperty("load_after"))
        .append(" (other builds share the box)\n");
    md.append("- service, stub model and load generator are separate processes on this machine;");
    md.append(" a turn is successful only if it resolved (escalations, errors and non-200s are");
    md.append(" failures)\n\n");
    md.append(
        "## Figures against the targets\n\n| figure | measured | target | met |\n|---|---|---|---|\n");
    ArrayNode jsonFigures = json.putArray("figures");
    for (String[] f : figures) {
      md.append("| ").append(String.join(" | ", f)).append(" |\n");
      jsonFigures
          .addObject()
          .put("figure", f[0])
          .put("measured", f[1])
          .put("target", f[2])
          .put("met", f[3]);
    }
    levels(md);
    md.append("\n## Startup and memory\n\n");
    for (String key :
        List.of(
            "fresh_ready_ms",
            "single_ready_ms",
            "single_first_answer_ms",
            "single_rss_mb",
            "multi_ready_ms",
            "multi_rss_mb",
            "soak_start_live_heap_mb",
            "soak_end_live_heap_mb",
            "open_files_limit",
            "wall_seconds")) {
      if (meta.getProperty(key) != null) {
        md.append("- ").append(key).append(": ").append(meta.getProperty(key).trim()).append("\n");
      }
    }
    JsonNode memory = rows.get("ws-memory");
    if (memory != null && !memory.has("step_failed")) {
      md.append("\n## WebSocket memory (live heap after a full GC, `jcmd GC.class_histogram`)\n\n");
      for (String key :
          List.of(
              "connections_asked",
              "connections_open",
              "open_seconds",
              "heap_before_bytes",
              "heap_idle_bytes",
              "bytes_per_connection",
              "rss_with_connections_mb",
              "conversations_asked",
              "conversations",
              "ok",
              "failures",
              "heap_active_bytes",
              "bytes_per_conversation")) {
        md.append("- ").append(key).append(": ").append(memory.path(key)).append("\n");
      }
    }
    growers(
        md,
        "the soak",
        work.resolve("histogram-soak_start.txt"),
        work.resolve("histogram-soak_end.txt"));
    growers(
        md,
        "the WebSocket conversations (idle connections → one turn each)",
        work.resolve("histogram-ws-idle.txt"),
        work.resolve("histogram-ws-active.txt"));
    fixes(md, reports);
    Path hot = work.resolve("single-hot-methods.txt");
    if (Files.exists(hot)) {
      md.append("\n## Profile (JFR, single-topology service over the whole run)\n\n```\n");
      Files.readAllLines(hot).stream().limit(28).forEach(l -> md.append(l).append("\n"));
      md.append("```\n");
    }
    ObjectNode machine = json.putObject("run");
    meta.stringPropertyNames().stream().sorted().forEach(k -> machine.put(k, meta.getProperty(k)));
    ArrayNode all = json.putArray("runs");
    rows.values().forEach(all::add);
    Files.createDirectories(reports);
    Files.writeString(reports.resolve("benchmark.md"), md.toString());
    Files.writeString(reports.resolve("benchmark.json"), JSON.writeValueAsString(json) + "\n");
    System.out.println("benchmark: wrote " + reports.resolve("benchmark.md"));
  }

  private void figures() {
    JsonNode single = best("rest-closed-");
    JsonNode multi = rows.get("multi-closed-16");
    if (single != null) {
      add(
          "CPU per single turn (service + PostgreSQL), " + single.path("label").asText(),
          cpuText(single),
          "≤ 3 ms",
          cpu(single) <= 3);
    }
    if (multi != null && multi.path("ok").asInt() > 0) {
      add(
          "CPU per multi turn (service + PostgreSQL), "
              + fmt(multi.path("model_calls_per_turn").asDouble())
              + " model calls/turn",
          cpuText(multi),
          "≤ 4 ms",
          cpu(multi) <= 4);
    }
    int failed = turnRows().mapToInt(r -> r.path("failed").asInt()).sum();
    int turns = turnRows().mapToInt(r -> r.path("turns").asInt()).sum();
    add(
        "failed turns, all load levels and the WebSocket conversations (escalated, error event,"
            + " non-200, timeout)",
        failed + " of " + turns,
        "0",
        failed == 0);
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
        "≥ 400",
        max >= 400);
    JsonNode one = rows.get("latency-1");
    if (one != null && one.path("ok").asInt() > 0) {
      add(
          "added latency p50 at 1 in flight (stub 0 ms)",
          fmt(one.path("p50_ms").asDouble()) + " ms",
          "≤ 2 ms",
          one.path("p50_ms").asDouble() <= 2);
      add(
          "added latency p99 at 1 in flight (stub 0 ms)",
          fmt(one.path("p99_ms").asDouble()) + " ms",
          "≤ 10 ms",
          one.path("p99_ms").asDouble() <= 10);
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
    prop("single_ready_ms", "ready, initialised data folder", "ms", "≤ 3,000 ms", 3000);
    prop("single_first_answer_ms", "first answer after ready", "ms", "≤ 300 ms", 300);
    prop("single_rss_mb", "RSS after the first request", "MB", "≤ 350 MB", 350);
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
                      + " failed, CPU "
                      + fmt(machine)
                      + " % (service + PostgreSQL "
                      + fmt(s.path("cpu_service_pg_pct").asDouble())
                      + " %)",
                  "≥ 2,000 at ≤ 70 % CPU, 0 failed",
                  s.path("in_flight").asInt() >= 2000
                      && s.path("failed").asInt() == 0
                      && machine <= 70);
              if (s.path("ok").asInt() == 0) {
                add("streaming added TTFT p50 / p99", "no stream resolved", "p99 ≤ 50 ms", false);
                return;
              }
              add(
                  "streaming added TTFT p50 / p99 (TTFT − "
                      + fmt(PROFILE_B_TTFT_FLOOR_MS)
                      + " ms stub floor)",
                  fmt(ttft50) + " / " + fmt(ttft99) + " ms",
                  "p99 ≤ 50 ms",
                  ttft99 <= 50);
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
        "idle WebSocket connections per GiB of heap ("
            + memory.path("connections_open").asInt()
            + " of "
            + memory.path("connections_asked").asInt()
            + " open, "
            + fmt(memory.path("bytes_per_connection").asDouble() / 1024)
            + " KB each)",
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
    if (start == null || end == null || soak == null) {
      return;
    }
    double grew = Double.parseDouble(end) - Double.parseDouble(start);
    add(
        "soak "
            + soak.path("seconds").asInt()
            + " s at 70 % load ("
            + soak.path("turns").asInt()
            + " turns, "
            + soak.path("failed").asInt()
            + " failed): live heap after a full GC, start → end",
        start + " → " + end + " MB (" + (grew >= 0 ? "+" : "") + fmt(grew) + " MB)",
        "≥ 600 s, flat (≤ +5 MB)",
        soak.path("seconds").asInt() >= 600 && grew <= 5 && soak.path("failed").asInt() == 0);
  }

  private java.util.stream.Stream<JsonNode> turnRows() {
    return rows.values().stream().filter(r -> !r.has("step_failed"));
  }

  private static String cpuText(JsonNode r) {
    return fmt(cpu(r))
        + " ms ("
        + fmt(r.path("cpu_service_ms_per_turn").asDouble())
        + " + "
        + fmt(r.path("cpu_postgres_ms_per_turn").asDouble())
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

  private JsonNode best(String prefix) {
    return rows.values().stream()
        .filter(r -> r.path("label").asText().startsWith(prefix) && r.path("ok").asInt() > 0)
        .min((a, b) -> Double.compare(cpu(a), cpu(b)))
        .orElse(null);
  }

  private static double cpu(JsonNode r) {
    return r.path("cpu_service_ms_per_turn").asDouble()
        + r.path("cpu_postgres_ms_per_turn").asDouble();
  }

  /** Every load level in the order run; a step that failed or hung is a row saying so. */
  private void levels(StringBuilder md) {
    md.append("\n## Every load level\n\n");
    md.append("| run | channel | load | turns | ok/s | failed (kinds) | p50 ms | p99 ms |");
    md.append(" TTFT p50/p99 ms | gap p50/p99 ms | CPU ms/turn service + PostgreSQL |");
    md.append(" CPU % service + PG / machine | model calls/turn | load avg |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonNode r : rows.values()) {
      md.append("| ").append(r.path("label").asText());
      if (r.has("step_failed")) {
        md.append(" | **step failed: ").append(r.path("step_failed").asText()).append("**");
        md.append(" | | | | | | | | | | | | |\n");
        continue;
      }
      if (r.has("connections_asked")) {
        continue; // the WebSocket memory step has its own section
      }
      md.append(" | ").append(r.path("channel").asText());
      md.append(" | ")
          .append(
              r.path("mode").asText().equals("open")
                  ? "open " + r.path("rate").asText() + "/s"
                  : "closed " + r.path("in_flight").asInt());
      md.append(" | ").append(r.path("turns").asInt());
      md.append(" | ").append(fmt(r.path("ok_per_second").asDouble()));
      md.append(" | ").append(r.path("failed").asInt()).append(" ").append(r.path("failures"));
      md.append(" | ").append(fmt(r.path("p50_ms").asDouble()));
      md.append(" | ").append(fmt(r.path("p99_ms").asDouble()));
      md.append(" | ").append(pair(r, "ttft_p50_ms", "ttft_p99_ms"));
      md.append(" | ").append(pair(r, "gap_p50_ms", "gap_p99_ms"));
      md.append(" | ").append(fmt(r.path("cpu_service_ms_per_turn").asDouble()));
      md.append(" + ").append(fmt(r.path("cpu_postgres_ms_per_turn").asDouble()));
      md.append(" | ").append(pair(r, "cpu_service_pg_pct", "machine_cpu_busy_pct"));
      md.append(" | ").append(fmt(r.path("model_calls_per_turn").asDouble()));
      md.append(" | ").append(r.path("loadavg").asText().split(" ")[0]).append(" |\n");
    }
  }

  private static String pair(JsonNode r, String first, String second) {
    return r.has(first)
        ? fmt(r.path(first).asDouble()) + " / " + fmt(r.path(second).asDouble())
        : "–";
  }

  private static void growers(StringBuilder md, String over, Path start, Path end)
      throws IOException {
    String growers = ClassHistogram.topGrowers(start, end, 10);
    if (!growers.isEmpty()) {
      md.append("\nClass histogram, top growers over ").append(over);
      md.append(" (instances, bytes, after a full GC):\n\n```\n").append(growers).append("```\n");
    }
  }

  /** The before/after rows of each fix, written by whoever made it (reports/perf-fixes.md). */
  private static void fixes(StringBuilder md, Path reports) throws IOException {
    md.append("\n## Before / after per fix\n\n");
    Path fixes = reports.resolve("perf-fixes.md");
    if (!Files.exists(fixes)) {
      md.append("No `reports/perf-fixes.md` yet: the fixes and their JFR before/after go there.\n");
      return;
    }
    md.append("From [perf-fixes.md](perf-fixes.md), included as written:\n\n");
    for (String line : Files.readAllLines(fixes)) {
      // its headings one level below this report's
      md.append(line.startsWith("#") ? "##" + line : line).append("\n");
    }
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
  }
}
