package io.frontdesk.guard.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line about the machine a report was measured on. */
public final class Machine {

  private Machine() {}

  public static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux: the JVM's own description below is enough
    }
    String load = "";
    try {
      load = ", load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      // no /proc: leave it out
    }
    return String.format(
        "%s, %d cores available%s, %d MB max heap, Java %s (%s), %s %s",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        load,
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }
}
