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
import java.util.HashMap;
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
    md.append("\n## Every load level\n\n");
    md.append("| run | channel | load | turns | ok/s | failed (kinds) | p50 ms | p99 ms |");
    md.append(" TTFT p50/p99 ms | gap p50/p99 ms | CPU ms/turn service + PostgreSQL |");
    md.append(" model calls/turn | load avg |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonNode r : rows.values()) {
      md.append("| ").append(r.path("label").asText());
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
      md.append(" | ")
          .append(
              r.has("ttft_p50_ms")
                  ? fmt(r.path("ttft_p50_ms").asDouble())
                      + " / "
                      + fmt(r.path("ttft_p99_ms").asDouble())
                  : "–");
      md.append(" | ")
          .append(
              r.has("gap_p50_ms")
                  ? fmt(r.path("gap_p50_ms").asDouble())
                      + " / "
                      + fmt(r.path("gap_p99_ms").asDouble())
                  : "–");
      md.append(" | ").append(fmt(r.path("cpu_service_ms_per_turn").asDouble()));
      md.append(" + ").append(fmt(r.path("cpu_postgres_ms_per_turn").asDouble()));
      md.append(" | ").append(fmt(r.path("model_calls_per_turn").asDouble()));
      md.append(" | ").append(r.path("loadavg").asText().split(" ")[0]).append(" |\n");
    }
    md.append("\n## Startup and memory\n\n");
    for (String key :
        List.of(
            "fresh_ready_ms",
            "single_ready_ms",
            "single_first_answer_ms",
            "single_rss_mb",
            "multi_ready_ms",
            "multi_rss_mb",
            "soak_start_heap_after_gc",
            "soak_end_heap_after_gc")) {
      if (meta.getProperty(key) != null) {
        md.append("- ").append(key).append(": ").append(meta.getProperty(key).trim()).append("\n");
      }
    }
    String growers = growers(work);
    if (!growers.isEmpty()) {
      md.append("\nClass histogram, top growers over the soak (instances, bytes):\n\n```\n");
      md.append(growers).append("```\n");
    }
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
      double cpu = cpu(single);
      add(
          "CPU per single turn (service + PostgreSQL), " + single.path("label").asText(),
          fmt(cpu)
              + " ms ("
              + fmt(single.path("cpu_service_ms_per_turn").asDouble())
              + " + "
              + fmt(single.path("cpu_postgres_ms_per_turn").asDouble())
              + ")",
          "≤ 3 ms",
          cpu <= 3);
    }
    if (multi != null) {
      double cpu = cpu(multi);
      add(
          "CPU per multi turn (service + PostgreSQL), "
              + fmt(multi.path("model_calls_per_turn").asDouble())
              + " model calls/turn",
          fmt(cpu)
              + " ms ("
              + fmt(multi.path("cpu_service_ms_per_turn").asDouble())
              + " + "
              + fmt(multi.path("cpu_postgres_ms_per_turn").asDouble())
              + ")",
          "≤ 4 ms",
          cpu <= 4);
    }
    int failed = rows.values().stream().mapToInt(r -> r.path("failed").asInt()).sum();
    add(
        "failed turns, all load levels (escalated, error, non-200)",
        String.valueOf(failed),
        "0",
        failed == 0);
    double max =
        rows.values().stream()
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
    if (one != null) {
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
    JsonNode open = rows.get("rest-open-70pct");
    if (open != null) {
      add(
          "added latency p50 / p99 at 70 % of max ("
              + open.path("rate").asText()
              + " turns/s, minus the stub's 40 ms)",
          fmt(open.path("p50_ms").asDouble() - PROFILE_A_FLOOR_MS)
              + " / "
              + fmt(open.path("p99_ms").asDouble() - PROFILE_A_FLOOR_MS)
              + " ms",
          "–",
          true);
    }
    rows.values().stream()
        .filter(r -> r.path("label").asText().startsWith("stream-"))
        .findFirst()
        .ifPresent(
            s ->
                add(
                    "concurrent streaming turns (profile B, SSE), added TTFT p50 / p99 (TTFT − "
                        + fmt(PROFILE_B_TTFT_FLOOR_MS)
                        + " ms stub floor), failures "
                        + s.path("failed").asInt(),
                    s.path("in_flight").asInt()
                        + " streams: "
                        + fmt(s.path("ttft_p50_ms").asDouble() - PROFILE_B_TTFT_FLOOR_MS)
                        + " / "
                        + fmt(s.path("ttft_p99_ms").asDouble() - PROFILE_B_TTFT_FLOOR_MS)
                        + " ms",
                    "≥ 2,000 streams, p99 ≤ 50 ms",
                    s.path("in_flight").asInt() >= 2000
                        && s.path("failed").asInt() == 0
                        && s.path("ttft_p99_ms").asDouble() - PROFILE_B_TTFT_FLOOR_MS <= 50));
    add("idle WebSocket connections per GB", "pending: channels issue", "≥ 50,000", false);
    add("heap per active conversation", "pending: channels issue", "≤ 100 KB", false);
    prop("single_ready_ms", "ready, initialised data folder", "ms", "≤ 3,000 ms", 3000);
    prop("single_first_answer_ms", "first answer after ready", "ms", "≤ 300 ms", 300);
    prop("single_rss_mb", "RSS after the first request", "MB", "≤ 350 MB", 350);
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

  private static String growers(Path work) throws IOException {
    Path start = work.resolve("histogram-soak_start.txt");
    Path end = work.resolve("histogram-soak_end.txt");
    if (!Files.exists(start) || !Files.exists(end)) {
      return "";
    }
    Map<String, long[]> before = histogram(start);
    Map<String, long[]> after = histogram(end);
    StringBuilder out = new StringBuilder();
    after.entrySet().stream()
        .sorted(
            (a, b) ->
                Long.compare(
                    b.getValue()[1] - before.getOrDefault(b.getKey(), new long[2])[1],
                    a.getValue()[1] - before.getOrDefault(a.getKey(), new long[2])[1]))
        .limit(10)
        .forEach(
            e -> {
              long[] was = before.getOrDefault(e.getKey(), new long[2]);
              out.append(
                  String.format(
                      Locale.ROOT,
                      "%+10d %+12d  %s%n",
                      e.getValue()[0] - was[0],
                      e.getValue()[1] - was[1],
                      e.getKey()));
            });
    return out.toString();
  }

  private static Map<String, long[]> histogram(Path file) throws IOException {
    Map<String, long[]> classes = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return classes;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
  }
}
