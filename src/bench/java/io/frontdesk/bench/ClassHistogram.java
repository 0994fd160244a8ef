package io.frontdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code jcmd GC.class_histogram} dump: instances and bytes per class, and what grew between two.
 */
final class ClassHistogram {

  private final Map<String, long[]> classes = new HashMap<>();

  private ClassHistogram(Path file) throws IOException {
    for (String line : Files.readAllLines(file)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
  }

  /**
   * The classes that grew most in bytes from {@code start} to {@code end} (instances, bytes, class
   * name per line), or empty when either dump is missing.
   */
  static String topGrowers(Path start, Path end, int limit) throws IOException {
    if (!Files.exists(start) || !Files.exists(end)) {
      return "";
    }
    ClassHistogram before = new ClassHistogram(start);
    ClassHistogram after = new ClassHistogram(end);
    StringBuilder out = new StringBuilder();
    after.classes.entrySet().stream()
        .sorted(
            (a, b) ->
                Long.compare(
                    b.getValue()[1] - before.get(b.getKey())[1],
                    a.getValue()[1] - before.get(a.getKey())[1]))
        .limit(limit)
        .forEach(
            e -> {
              long[] was = before.get(e.getKey());
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

  private long[] get(String name) {
    return classes.getOrDefault(name, new long[2]);
  }
}
