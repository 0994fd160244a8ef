package io.frontdesk.bench;

import static io.frontdesk.bench.BenchmarkFigures.fmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a start or the memory misses its target, from the run's own evidence: the service log's
 * startup phases of the measured start, and the heap the JVM had committed after the load beside
 * what stayed live.
 */
final class StartAndMemory {

  private static final Pattern PHASE =
      Pattern.compile("Startup phase (.+?): (\\d+) ms(.*?)\\((\\d+) ms after JVM start\\)");
  // Serial: "DefNew total 116224K, used ..." and "Tenured total 258048K, ..."; G1:
  // "garbage-first heap total 1568768K, ..." (only these lines say "total")
  private static final Pattern HEAP_TOTAL = Pattern.compile("\\btotal (\\d+)K");

  private StartAndMemory() {}

  /** One paragraph per missed start or memory target it can explain. */
  static List<String> explain(Path work, Properties meta) throws IOException {
    List<String> out = new ArrayList<>();
    double ready = number(meta, "single_ready_ms");
    Path log = work.resolve("single.log");
    if (ready > 3000 && Files.exists(log)) {
      List<String> phases = new ArrayList<>();
      for (String line : Files.readAllLines(log)) {
        Matcher m = PHASE.matcher(line);
        if (m.find() && !m.group(1).startsWith("warm-up") && !m.group(1).startsWith("startup")) {
          phases.add(
              m.group(1)
                  + " "
                  + m.group(2)
                  + " ms"
                  + (m.group(3).contains("parallel") ? " (in parallel)" : "")
                  + " → "
                  + m.group(4));
        }
      }
      out.add(
          "**Ready.** "
              + fmt(ready)
              + " ms with the AOT cache ("
              + meta.getProperty("nocache_ready_ms", "?")
              + " ms without). The start's phases from the service log, each with the ms after"
              + " the JVM's start at which it ended: "
              + String.join("; ", phases)
              + ". The embedded PostgreSQL and the Quarkus boot (configuration, CDI, Hibernate,"
              + " Flyway's check, REST) run one after the other, and the first-turn warm-up runs"
              + " before readiness so that the first answer is not the JIT's.");
    }
    double rss = number(meta, "single_rss_after_load_mb");
    Path heapInfo = work.resolve("heap-after-load.txt");
    if (rss > 400 * 1.048576 && Files.exists(heapInfo)) {
      long committedKb = 0;
      Matcher m = HEAP_TOTAL.matcher(Files.readString(heapInfo));
      while (m.find()) {
        committedKb += Long.parseLong(m.group(1));
      }
      double heap = committedKb / 1024.0;
      out.add(
          "**Memory.** After the load the service's RSS was "
              + fmt(rss)
              + " MB: the heap committed "
              + fmt(heap)
              + " MB (`jcmd GC.heap_info`; "
              + meta.getProperty("soak_end_live_heap_mb", "?")
              + " MB live after a full GC at the soak's end, of which the language detector's"
              + " high-accuracy models hold about 131 MB) and "
              + fmt(rss - heap)
              + " MB outside the heap (metaspace, code cache, class space, thread stacks and their"
              + " malloc arenas, the AOT cache's mapped classes, the JFR recording's buffers, ONNX"
              + " Runtime's native memory).");
    }
    return out;
  }

  private static double number(Properties meta, String key) {
    String value = meta.getProperty(key);
    return value == null ? 0 : Double.parseDouble(value.trim());
  }
}
