package io.frontdesk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's Java CPU samples go, by part (the embedding, PostgreSQL's client, JSON, the
 * JWT check, …): each {@code jdk.ExecutionSample} counts for the innermost frame that belongs to a
 * known part, so a {@code HashMap.get} called by Jackson is Jackson's. The ONNX runtime computes in
 * native code, which execution samples do not see (nor, in proportion, native-method samples, which
 * JFR takes from a few of the threads in native code at a time): its share is in the per-thread CPU
 * instead.
 */
final class JfrComponents {

  /** Parts in the order they are tried on each frame; the first prefix that matches names it. */
  private static final List<Map.Entry<String, List<String>>> PARTS =
      List.of(
          Map.entry("embedding (ONNX MiniLM, Java side)", List.of("ai.onnxruntime.")),
          Map.entry("embedding (Frontdesk)", List.of("io.frontdesk.embedding.")),
          Map.entry("tokenizer (jtokkit)", List.of("com.knuddels.jtokkit.")),
          Map.entry("guards", List.of("io.frontdesk.guard.")),
          Map.entry("PostgreSQL client", List.of("io.vertx.pgclient.", "io.vertx.sqlclient.")),
          Map.entry("JSON (Jackson)", List.of("com.fasterxml.jackson.")),
          Map.entry(
              "JWT and crypto",
              List.of(
                  "io.smallrye.jwt.",
                  "org.jose4j.",
                  "sun.security.",
                  "java.security.",
                  "javax.crypto.",
                  "com.sun.crypto.")),
          Map.entry("langchain4j", List.of("dev.langchain4j.", "io.quarkiverse.langchain4j.")),
          Map.entry("OpenTelemetry", List.of("io.opentelemetry.", "io.quarkus.opentelemetry.")),
          Map.entry("metrics (Micrometer)", List.of("io.micrometer.", "io.quarkus.micrometer.")),
          Map.entry("fault tolerance", List.of("io.smallrye.faulttolerance.")),
          Map.entry(
              "context propagation and CDI", List.of("io.smallrye.context.", "io.quarkus.arc.")),
          Map.entry(
              "REST and WebSockets (Quarkus)",
              List.of(
                  "org.jboss.resteasy.reactive.",
                  "io.quarkus.resteasy.reactive.",
                  "io.quarkus.websockets.",
                  "io.quarkus.vertx.http.")),
          Map.entry("HTTP and sockets (Netty)", List.of("io.netty.", "io.vertx.core.http.")),
          Map.entry(
              "Vert.x and Mutiny",
              List.of("io.vertx.", "io.smallrye.mutiny.", "io.quarkus.vertx.")),
          Map.entry("logging", List.of("org.jboss.logging.", "org.jboss.logmanager.")),
          Map.entry("Frontdesk (other)", List.of("io.frontdesk.")));

  static final String OTHER = "JDK and other";

  /**
   * Work that is not a turn's, recognised anywhere on the stack before the parts are tried: the
   * harness's logins (it mints its customers' tokens through the demo endpoint before each step,
   * outside the measured windows) and the start.
   */
  private static final List<Map.Entry<String, String>> NOT_A_TURN =
      List.of(
          Map.entry("io.frontdesk.security.TokenMinter", "token minting (the harness's logins)"),
          Map.entry("io.frontdesk.FrontdeskMain", "startup"),
          Map.entry("io.frontdesk.conversation.FirstTurnWarmup", "startup"));

  private JfrComponents() {}

  /**
   * The Java execution samples of a recording by part, and by kind of thread ({@link
   * ThreadCpu#kind} of the sampled thread's name) then part; largest first.
   */
  record Profile(Map<String, Long> parts, Map<String, Map<String, Long>> byThread) {}

  /** The parts that are not a turn's work (the harness's logins, the start). */
  static Set<String> notATurn() {
    Set<String> names = new HashSet<>();
    NOT_A_TURN.forEach(rule -> names.add(rule.getValue()));
    return names;
  }

  /** Reads a recording's execution samples into a {@link Profile}. */
  static Profile of(Path recording) throws IOException {
    Map<String, Long> byPart = new LinkedHashMap<>();
    Map<String, Map<String, Long>> byThread = new LinkedHashMap<>();
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
          String part = part(event.getStackTrace());
          byPart.merge(part, 1L, Long::sum);
          var thread = event.getThread("sampledThread");
          String kind = thread == null ? "?" : ThreadCpu.kind(String.valueOf(thread.getJavaName()));
          byThread.computeIfAbsent(kind, k -> new LinkedHashMap<>()).merge(part, 1L, Long::sum);
        }
      }
    }
    Map<String, Map<String, Long>> threads = new LinkedHashMap<>();
    byThread.entrySet().stream()
        .sorted(
            (a, b) ->
                Long.compare(
                    b.getValue().values().stream().mapToLong(Long::longValue).sum(),
                    a.getValue().values().stream().mapToLong(Long::longValue).sum()))
        .forEach(e -> threads.put(e.getKey(), sorted(e.getValue())));
    return new Profile(sorted(byPart), threads);
  }

  private static Map<String, Long> sorted(Map<String, Long> counts) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The part of a sample's stack. */
  static String part(RecordedStackTrace stack) {
    return stack == null
        ? OTHER
        : part(stack.getFrames().stream().map(JfrComponents::typeOf).toList());
  }

  /**
   * The part of a stack given as its frames' class names, innermost first: work that is not a
   * turn's wherever it is on the stack, else the innermost frame that belongs to a part, else
   * {@link #OTHER}.
   */
  static String part(List<String> types) {
    for (String type : types) {
      for (var rule : NOT_A_TURN) {
        if (type.equals(rule.getKey())) {
          return rule.getValue();
        }
      }
    }
    for (String type : types) {
      String part = partOf(type);
      if (part != null) {
        return part;
      }
    }
    return OTHER;
  }

  /** The part a class name belongs to, or null. */
  static String partOf(String className) {
    for (var part : PARTS) {
      for (String prefix : part.getValue()) {
        if (className.startsWith(prefix)) {
          return part.getKey();
        }
      }
    }
    return null;
  }

  private static String typeOf(RecordedFrame frame) {
    return frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
  }
}
