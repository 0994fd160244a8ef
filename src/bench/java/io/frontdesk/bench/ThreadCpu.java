package io.frontdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU of a process by kind of thread, from {@code /proc/<pid>/task/<tid>/stat}: where the service's
 * CPU per turn goes (event loops, workers, the JIT, the garbage collector, the ONNX runtime's own
 * threads), which a sampling profiler cannot say for native threads. A snapshot keeps each live
 * thread's ticks; {@link #since} groups the increase by thread name, so a thread born during the
 * window counts from zero and one that ended during it is lost (the difference to the process's
 * total is the "ended threads" group).
 */
final class ThreadCpu {

  /** Digits and separators at the end of a thread name: {@code executor-thread-12}. */
  private static final Pattern NUMBER = Pattern.compile("[-#\\s]*\\d+$");

  private final Map<String, Long> ticksByThread;
  private final Map<String, String> nameByThread;
  private final long processMs;

  private ThreadCpu(Map<String, Long> ticks, Map<String, String> names, long processMs) {
    this.ticksByThread = ticks;
    this.nameByThread = names;
    this.processMs = processMs;
  }

  /** Every live thread of {@code pid} now (empty when the process is gone or not given). */
  static ThreadCpu of(String pid) {
    Map<String, Long> ticks = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    if (pid == null) {
      return new ThreadCpu(ticks, names, 0);
    }
    try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          String tid = task.getFileName().toString();
          ticks.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
          names.put(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return new ThreadCpu(ticks, names, 0);
    }
    return new ThreadCpu(ticks, names, LoadMain.cpu(pid));
  }

  /** The thread kind a name belongs to: the name without its trailing number. */
  static String kind(String threadName) {
    String kind = NUMBER.matcher(threadName).replaceFirst("");
    return kind.isEmpty() ? threadName : kind;
  }

  /**
   * CPU ms by thread kind between {@code before} and this snapshot, largest first, with the CPU of
   * threads that ended in between as {@code "(ended threads)"}.
   */
  Map<String, Long> since(ThreadCpu before) {
    Map<String, Long> byKind = new HashMap<>();
    long attributed = 0;
    for (var e : ticksByThread.entrySet()) {
      long ms = (e.getValue() - before.ticksByThread.getOrDefault(e.getKey(), 0L)) * 10;
      if (ms > 0) {
        byKind.merge(kind(nameByThread.get(e.getKey())), ms, Long::sum);
        attributed += ms;
      }
    }
    long ended = processMs - before.processMs - attributed;
    if (ended > 0 && before.processMs > 0) {
      byKind.merge("(ended threads)", ended, Long::sum);
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    byKind.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}
