package io.frontdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What WebSocket clients cost the service's heap, its own process: live heap after a full GC
 * ({@code jcmd GC.class_histogram}, whose total is the live objects) before and after opening N
 * authenticated {@code /ws/chat} connections that stay idle, then after M of them had one turn each
 * (their conversations stay followed, as a chat page does). Writes one row to the results.
 */
public final class SocketMemoryMain {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OPENING_AT_ONCE = 200;
  // a measure of memory, not a burst: turns at a load the service holds without shedding
  private static final int TURNS_AT_ONCE = 16;
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final Map<String, String> options;
  private final String pid;
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicInteger resolved = new AtomicInteger();

  private SocketMemoryMain(Map<String, String> options) {
    this.options = options;
    this.pid = options.get("--service-pid");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    new SocketMemoryMain(options).run();
    System.exit(0);
  }

  private void run() throws Exception {
    String base = options.get("--base");
    int connections = Integer.parseInt(options.getOrDefault("--connections", "1000"));
    int conversations = Integer.parseInt(options.getOrDefault("--conversations", "100"));
    List<String> tokens;
    try (HttpClient http = HttpClient.newHttpClient()) {
      tokens = LoadMain.tokens(http, base, 240);
    }
    ObjectNode row = JSON.createObjectNode().put("label", options.getOrDefault("--label", "ws"));
    row.put("channel", "ws");
    try (ChatSockets sockets = new ChatSockets(base)) {
      long before = liveHeap("ws-before");
      long opening = System.nanoTime();
      List<ChatSockets.Connection> open = open(sockets, tokens, connections);
      double openSeconds = (System.nanoTime() - opening) / 1e9;
      Thread.sleep(2000);
      long idle = liveHeap("ws-idle");
      int stillOpen = (int) open.stream().filter(c -> !c.closed()).count();
      long perConnection = stillOpen == 0 ? 0 : (idle - before) / stillOpen;
      row.put("connections_asked", connections);
      row.put("connections_open", stillOpen);
      row.put("open_seconds", openSeconds);
      row.put("heap_before_bytes", before);
      row.put("heap_idle_bytes", idle);
      row.put("bytes_per_connection", perConnection);
      row.put("connections_per_gib", perConnection <= 0 ? 0 : GIB / perConnection);
      row.put("rss_with_connections_mb", rssMb());

      int ended = converse(open.subList(0, Math.min(conversations, open.size())));
      long active = liveHeap("ws-active");
      long perConversation = ended == 0 ? 0 : (active - idle) / ended;
      row.put("conversations_asked", conversations);
      row.put("conversations", ended);
      row.put("turns", conversations);
      row.put("ok", resolved.get());
      row.put("heap_active_bytes", active);
      row.put("bytes_per_conversation", perConversation);
      open.forEach(ChatSockets.Connection::close);
    }
    int bad = failures.values().stream().mapToInt(AtomicInteger::get).sum();
    row.put("failed", bad);
    ObjectNode kinds = row.putObject("failures");
    failures.forEach((k, v) -> kinds.put(k, v.get()));
    row.put("loadavg", Files.readString(Path.of("/proc/loadavg")).trim());
    Path out = Path.of(options.getOrDefault("--out", "target/benchmark/results.jsonl"));
    Files.writeString(out, row + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.println(row);
  }

  /** Opens the connections, at most {@value #OPENING_AT_ONCE} upgrades in flight at once. */
  private List<ChatSockets.Connection> open(ChatSockets sockets, List<String> tokens, int count)
      throws InterruptedException {
    Semaphore slots = new Semaphore(OPENING_AT_ONCE);
    List<CompletableFuture<ChatSockets.Connection>> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      slots.acquire();
      pending.add(
          sockets.open(tokens.get(i % tokens.size())).whenComplete((c, e) -> slots.release()));
    }
    List<ChatSockets.Connection> open = new ArrayList<>();
    for (CompletableFuture<ChatSockets.Connection> connection : pending) {
      try {
        open.add(connection.get(60, TimeUnit.SECONDS));
      } catch (Exception e) {
        fail("ws_open:" + rootCause(e).getClass().getSimpleName());
      }
    }
    return open;
  }

  /**
   * One turn on each connection, {@value #TURNS_AT_ONCE} at once; how many ended (a {@code done}),
   * resolved or not: each left a conversation behind.
   */
  private int converse(List<ChatSockets.Connection> connections) throws InterruptedException {
    AtomicInteger ended = new AtomicInteger();
    Semaphore slots = new Semaphore(TURNS_AT_ONCE);
    try (ExecutorService turns = Executors.newVirtualThreadPerTaskExecutor()) {
      for (ChatSockets.Connection connection : connections) {
        slots.acquire();
        turns.submit(
            () -> {
              try {
                String outcome =
                    connection
                        .turn(
                            "How do I export my data?", System.nanoTime(), Duration.ofSeconds(120))
                        .outcome();
                ended.incrementAndGet();
                if (outcome == null) {
                  resolved.incrementAndGet();
                } else {
                  fail(outcome);
                }
              } catch (IOException | RuntimeException e) {
                fail("io:" + e.getMessage());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                slots.release();
              }
            });
      }
    }
    return ended.get();
  }

  private void fail(String kind) {
    failures.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
  }

  /**
   * The service's live heap in bytes: {@code GC.class_histogram} runs a full GC and totals what
   * survived; the histogram is kept beside the results.
   */
  private long liveHeap(String name) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), pid, "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String histogram = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("jcmd GC.class_histogram failed: " + histogram);
    }
    Path out = Path.of(options.getOrDefault("--out", "target/benchmark/results.jsonl"));
    Files.writeString(out.resolveSibling("histogram-" + name + ".txt"), histogram);
    return histogram
        .lines()
        .filter(l -> l.startsWith("Total"))
        .map(l -> Long.parseLong(l.trim().split("\\s+")[2]))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no Total in the class histogram"));
  }

  private long rssMb() throws IOException {
    return Files.readAllLines(Path.of("/proc", pid, "status")).stream()
            .filter(l -> l.startsWith("VmRSS:"))
            .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
            .findFirst()
            .orElse(0)
        / 1024;
  }

  private static Throwable rootCause(Throwable e) {
    return e.getCause() == null ? e : rootCause(e.getCause());
  }
}
