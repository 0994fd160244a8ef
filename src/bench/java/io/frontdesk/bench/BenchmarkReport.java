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
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@code reports/benchmark.md} and {@code reports/benchmark.json} from what {@code
 * bin/benchmark} measured: every figure beside its target, the machine, the commit and the load.
 */
public final class BenchmarkReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Properties meta = new Properties();
  private final Map<String, JsonNode> rows = new LinkedHashMap<>();
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
    List<String[]> figures = new BenchmarkFigures(meta, rows).all();
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
    whereCpuGoes(md, work.resolve("single.jfr"));
    md.append("\n## Startup and memory\n\n");
    for (String key :
        List.of(
            "fresh_ready_ms",
            "fresh_first_answer_ms",
            "nocache_ready_ms",
            "nocache_first_answer_ms",
            "nocache_rss_mb",
            "single_ready_ms",
            "single_first_answer_ms",
            "single_rss_mb",
            "single_rss_after_load_mb",
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

  /** Every load level in the order run; a step that failed or hung is a row saying so. */
  private void levels(StringBuilder md) {
    md.append("\n## Every load level\n\n");
    md.append("| run | channel | load | turns | ok/s | failed (kinds) | p50 ms | p99 ms |");
    md.append(" TTFT p50/p99 ms | gap p50/p99 ms | CPU ms/turn service + PostgreSQL |");
    md.append(" CPU % service + PG / machine | model calls/turn | load avg |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonNode r : rows.values()) {
      if (r.has("connections_asked")) {
        continue; // the WebSocket memory step has its own section
      }
      md.append("| ").append(r.path("label").asText());
      if (r.has("step_failed")) {
        md.append(" | **step failed: ").append(r.path("step_failed").asText()).append("**");
        md.append(" | | | | | | | | | | | | |\n");
        continue;
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
      JsonNode reasons = r.path("escalations_by_reason");
      if (!reasons.isEmpty()) {
        // the service's own count, warm-up included: why the turns escalated
        md.append(" tickets ").append(reasons);
      }
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
    List<String> said = new ArrayList<>();
    rows.values()
        .forEach(
            r ->
                r.path("io_failures")
                    .forEach(
                        f -> said.add("- " + r.path("label").asText() + ": `" + f.asText() + "`")));
    if (!said.isEmpty()) {
      md.append("\nWhat the load generator's I/O failures said (the first five per run):\n\n");
      said.forEach(l -> md.append(l).append("\n"));
    }
  }

  /**
   * The profile behind the CPU figures: the service's CPU per turn by kind of thread at each load
   * level, and the Java samples of the whole single-topology run by part.
   */
  private void whereCpuGoes(StringBuilder md, Path recording) throws IOException {
    md.append("\n## Where the service's CPU goes\n\n");
    List<String> lines = new ArrayList<>();
    for (JsonNode r : rows.values()) {
      JsonNode threads = r.path("cpu_service_threads_ms_per_turn");
      if (!threads.isEmpty()) {
        List<String> kinds = new ArrayList<>();
        threads
            .properties()
            .forEach(e -> kinds.add("`" + e.getKey() + "` " + fmt(e.getValue().asDouble())));
        lines.add(
            "- "
                + r.path("label").asText()
                + " ("
                + fmt(r.path("cpu_service_ms_per_turn").asDouble())
                + " ms): "
                + String.join(", ", kinds));
      }
    }
    if (!lines.isEmpty()) {
      md.append("CPU ms per successful turn by kind of thread (`/proc/<pid>/task/*/stat` over the");
      md.append(" measured window, names as the kernel keeps them, 15 characters; the ONNX");
      md.append(" runtime's extra intra-op thread carries the name of the thread that created");
      md.append(" it):\n\n");
      lines.forEach(l -> md.append(l).append("\n"));
    }
    JfrComponents.Profile profile =
        Files.exists(recording)
            ? JfrComponents.of(recording)
            : new JfrComponents.Profile(Map.of(), Map.of());
    if (!profile.parts().isEmpty()) {
      md.append("\nJava execution samples of the single-topology service over the whole run");
      md.append(" (every step above and the WebSocket memory step), by the innermost frame that");
      md.append(
          " belongs to a part (`JfrComponents`; native code, the ONNX runtime's included, is");
      md.append(" not sampled):\n\n");
      md.append("| part | samples | share |\n|---|---|---|\n");
      long total = profile.parts().values().stream().mapToLong(Long::longValue).sum();
      profile
          .parts()
          .forEach(
              (part, samples) ->
                  md.append("| ")
                      .append(part)
                      .append(" | ")
                      .append(samples)
                      .append(" | ")
                      .append(fmt(100.0 * samples / total))
                      .append(" % |\n"));
      md.append("\nThe same samples by kind of thread, its five largest parts:\n\n");
      profile.byThread().entrySet().stream()
          .limit(5)
          .forEach(
              e -> {
                long all = e.getValue().values().stream().mapToLong(Long::longValue).sum();
                md.append("- `").append(e.getKey()).append("` (").append(all).append("): ");
                md.append(MissedTargets.shares(e.getValue(), 5)).append("\n");
              });
    }
    List<String> why = new ArrayList<>(new MissedTargets(rows, profile).explain());
    why.addAll(StartAndMemory.explain(recording.getParent(), meta));
    if (!why.isEmpty()) {
      md.append("\n## Why the missed targets are missed\n\n");
      md.append("Worked out from this run's rows, profile, service log and heap");
      md.append(" (`MissedTargets`, `StartAndMemory`):\n\n");
      why.forEach(w -> md.append("- ").append(w).append("\n"));
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
    return BenchmarkFigures.fmt(value);
  }
}
