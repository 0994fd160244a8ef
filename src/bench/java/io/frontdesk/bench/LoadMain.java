package io.frontdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's load generator, its own process: customer turns over REST, SSE or WebSocket
 * (closed loop only: one connection and conversation per client), closed-loop at N in flight or
 * open-loop at a rate, against the packaged service. A turn counts as successful only when it
 * resolved; escalations, errors and non-200s are failures, reported by kind. CPU per turn comes
 * from {@code /proc/<pid>/stat} of the service and of the PostgreSQL processes.
 */
public final class LoadMain {

  private static final ObjectMapper JSON = new ObjectMapper();
  // every turn's message is new text, as a production customer's is, so the service embeds each
  // one (its embedder caches 512 texts: one repeated message measured no embedding at all); the
  // same question in 1,000 wordings, sent in turn, so a text comes back only after 999 others
  private static final List<String> GREETINGS =
      List.of(
          "",
          "Hi, ",
          "Hello, ",
          "Hey, ",
          "Good morning, ",
          "Hi there, ",
          "Hello team, ",
          "Quick question: ",
          "Sorry to bother you, ",
          "Hey support, ");
  private static final List<String> QUESTIONS =
      List.of(
          "how do I export my data?",
          "how can I export my data?",
          "where do I export my account data?",
          "how do I download an export of my data?",
          "can I export all my data?",
          "what is the way to export my data?",
          "how do I get an export of my account data?",
          "I need to export my data, how do I do that?",
          "is there a way to export my data?",
          "how do I export everything in my account?");
  private static final List<String> CLOSINGS =
      List.of(
          "",
          " Thanks.",
          " Thank you!",
          " Cheers.",
          " Thanks in advance.",
          " Appreciate it.",
          " Thanks a lot.",
          " Many thanks.",
          " Thx.",
          " Thanks!");

  /** The n-th wording of the benchmark's question. */
  static String message(long n) {
    String greeting = GREETINGS.get((int) (n % 10));
    String question = QUESTIONS.get((int) (n / 10 % 10));
    String text = greeting + question + CLOSINGS.get((int) (n / 100 % 10));
    return greeting.isEmpty() ? Character.toUpperCase(text.charAt(0)) + text.substring(1) : text;
  }

  private static final int CUSTOMERS = 240;
  private static final Duration TURN_TIMEOUT = Duration.ofSeconds(90);

  private final Map<String, String> options;
  private final String base;
  private final HttpClient http;
  private final ChatSockets sockets;
  private final List<String> tokens = new ArrayList<>();
  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> ttfts = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger okInWindow = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean measuring;
  // set once the measured window opened: a turn still running then overlaps it
  private volatile boolean windowOpened;
  private long[] machineBefore = new long[2];
  private double machineBusyPct;
  private ThreadCpu threadsBefore = ThreadCpu.of(null);
  private Map<String, Long> threadsCpu = Map.of();
  private ObjectNode escalationReasons = JSON.createObjectNode();
  private final List<String> ioFailures = new ArrayList<>();

  private LoadMain(Map<String, String> options) {
    this.options = options;
    this.base = options.get("--base");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    this.sockets = "ws".equals(options.get("--channel")) ? new ChatSockets(base) : null;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    new LoadMain(options).run();
    System.exit(0);
  }

  private void run() throws Exception {
    tokens.addAll(tokens(http, base, CUSTOMERS));
    Map<String, Double> escalationsBefore = escalations();
    String mode = options.getOrDefault("--mode", "closed");
    int seconds = Integer.parseInt(options.getOrDefault("--seconds", "20"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "3"));
    long[] cpuBefore = new long[2];
    long[] modelBefore = new long[2];
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    long end;
    if (mode.equals("closed")) {
      int inFlight = Integer.parseInt(options.getOrDefault("--in-flight", "1"));
      long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup + seconds);
      for (int i = 0; i < inFlight; i++) {
        String token = tokens.get(i % tokens.size());
        workers.submit(
            () -> {
              ChatSockets.Connection socket = sockets == null ? null : open(token);
              while (System.nanoTime() < stopAt) {
                turn(System.nanoTime(), socket);
              }
              if (socket != null) {
                socket.close();
              }
            });
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
      start(cpuBefore, modelBefore);
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      measuring = false;
      end = System.nanoTime();
    } else {
      if (sockets != null) {
        throw new IllegalArgumentException("--channel ws runs closed loop only");
      }
      double rate = Double.parseDouble(options.getOrDefault("--rate", "10"));
      long interval = (long) (1_000_000_000L / rate);
      long t0 = System.nanoTime();
      long warmEnd = t0 + TimeUnit.SECONDS.toNanos(warmup);
      long stopAt = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
      boolean started = false;
      for (long at = t0; at < stopAt; at += interval) {
        long wait = at - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (!started && at >= warmEnd) {
          start(cpuBefore, modelBefore);
          started = true;
        }
        long scheduled = at; // latency from the planned send time: no coordinated omission
        workers.submit(() -> turn(scheduled, null));
      }
      measuring = false;
      end = System.nanoTime();
    }
    long cpuService = cpu(options.get("--service-pid")) - cpuBefore[0];
    threadsCpu = ThreadCpu.of(options.get("--service-pid")).since(threadsBefore);
    long cpuPg = postgresCpu() - cpuBefore[1];
    long[] machine = machineCpu();
    machineBusyPct =
        machine[1] == machineBefore[1]
            ? 0
            : 100.0 * (machine[0] - machineBefore[0]) / (machine[1] - machineBefore[1]);
    long[] model = modelStats();
    workers.shutdown();
    workers.awaitTermination(TURN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (sockets != null) {
      sockets.close();
    }
    escalationReasons = increase(escalationsBefore, escalations());
    write(mode, seconds, end, cpuService, cpuPg, model[0] - modelBefore[0], model[1]);
  }

  /**
   * The service's tickets by reason over the whole step (warm-up included), from {@code
   * frontdesk_escalations_total}: why the {@code not_resolved} turns escalated.
   */
  private Map<String, Double> escalations() {
    Map<String, Double> byReason = new HashMap<>();
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      for (String line : response.body().split("\n")) {
        Matcher m = ESCALATIONS.matcher(line);
        if (m.find()) {
          byReason.put(m.group(1), Double.parseDouble(m.group(2)));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no metrics: the row says so by leaving the reasons out
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return byReason;
  }

  private static final Pattern ESCALATIONS =
      Pattern.compile(
          "^frontdesk_escalations_total\\{[^}]*reason=\"([a-z_]+)\"[^}]*\\} ([0-9.eE+-]+)");

  /** How many more of each reason {@code after} has than {@code before}. */
  private static ObjectNode increase(Map<String, Double> before, Map<String, Double> after) {
    ObjectNode reasons = JSON.createObjectNode();
    after.forEach(
        (reason, count) -> {
          double delta = count - before.getOrDefault(reason, 0.0);
          if (delta > 0) {
            reasons.put(reason, (long) delta);
          }
        });
    return reasons;
  }

  private void start(long[] cpuBefore, long[] modelBefore) {
    threadsBefore = ThreadCpu.of(options.get("--service-pid"));
    cpuBefore[0] = cpu(options.get("--service-pid"));
    cpuBefore[1] = postgresCpu();
    long[] model = modelStats();
    modelBefore[0] = model[0];
    modelBefore[1] = model[1];
    machineBefore = machineCpu();
    measuring = true;
    windowOpened = true;
  }

  /** Busy and total jiffies of the whole machine ({@code /proc/stat}: every process on it). */
  static long[] machineCpu() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private ChatSockets.Connection open(String token) {
    try {
      return sockets.open(token).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      failures.computeIfAbsent("ws_open", k -> new AtomicInteger()).incrementAndGet();
      return null;
    }
  }

  /** One turn over REST, SSE or (with a socket) the socket's conversation. */
  private void turn(long startedAt, ChatSockets.Connection socket) {
    if (sockets != null && (socket == null || socket.closed())) {
      if (measuring) {
        failures.computeIfAbsent("ws_closed", k -> new AtomicInteger()).incrementAndGet();
      }
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      return;
    }
    // counted when it overlaps the measured window: started in it (and awaited after it, so a hang
    // is a failure) or running when it opened (turns longer than the window, as profile B's)
    boolean startedMeasuring = measuring;
    boolean startedAfterWindow = windowOpened && !measuring;
    long n = sequence.incrementAndGet();
    String token = tokens.get((int) (n % tokens.size()));
    String message = message(n);
    String body = JSON.createObjectNode().put("message", message).toString();
    boolean sse = "sse".equals(options.getOrDefault("--channel", "rest"));
    boolean bare = "bare".equals(options.get("--target"));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    base
                        + (bare
                            ? "/api/v1/benchmark/bare"
                            : "/api/v1/inquiries" + (sse ? "/stream" : ""))))
            .timeout(TURN_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      StreamedTurn streamed =
          socket != null
              ? socket.turn(message, startedAt, TURN_TIMEOUT)
              : sse ? streamed(request, startedAt) : null;
      String outcome =
          streamed != null ? streamed.outcome() : bare ? bareCall(request) : rest(request);
      long took = System.nanoTime() - startedAt;
      boolean endedMeasuring = measuring;
      if (startedAfterWindow || !(startedMeasuring || windowOpened)) {
        return;
      }
      if (outcome == null) {
        ok.incrementAndGet();
        if (endedMeasuring) {
          okInWindow.incrementAndGet();
        }
        latencies.add(took);
        if (streamed != null) {
          ttfts.add(streamed.ttft());
          gaps.addAll(streamed.gaps());
        }
      } else {
        failures.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      if (!startedAfterWindow && (startedMeasuring || windowOpened)) {
        failures
            .computeIfAbsent("io:" + e.getClass().getSimpleName(), k -> new AtomicInteger())
            .incrementAndGet();
        explain(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Keeps what the first few I/O failures said, cause included, for the row: a client-side failure
   * has no service-side trace to explain it.
   */
  private void explain(Exception e) {
    synchronized (ioFailures) {
      if (ioFailures.size() < 5) {
        StringBuilder said = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
          said.append(" <- ").append(c);
        }
        ioFailures.add(said.toString());
      }
    }
  }

  /** Null when the turn resolved, else what went wrong. */
  private String rest(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return refused(response);
    }
    JsonNode answer = JSON.readTree(response.body());
    return answer.path("resolved").asBoolean() ? null : "not_resolved";
  }

  /**
   * Null when the bare framework call ({@code --target bare}, the service's benchmark-only path)
   * came back with an answer, else what went wrong.
   */
  private String bareCall(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return refused(response);
    }
    return JSON.readTree(response.body()).path("answer").asText().isBlank() ? "no_answer" : null;
  }

  /**
   * The failure kind of a non-200. A well-behaved client waits as a 429's Retry-After asks before
   * its next turn (the closed loop would otherwise hammer a busy service with refusals).
   */
  private static String refused(HttpResponse<?> response) throws InterruptedException {
    if (response.statusCode() == 429) {
      long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
      Thread.sleep(TimeUnit.SECONDS.toMillis(Math.min(seconds, 10)));
    }
    return "http_" + response.statusCode();
  }

  private StreamedTurn streamed(HttpRequest request, long startedAt)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      return StreamedTurn.failed(refused(response));
    }
    StreamedTurn turn = new StreamedTurn(startedAt);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("data:") && turn.on(JSON.readTree(line.substring(5).trim()))) {
          break;
        }
      }
    }
    return turn;
  }

  /** Demo tokens of the first {@code count} demo customers ({@code POST /api/v1/demo/tokens}). */
  static List<String> tokens(HttpClient http, String base, int count)
      throws IOException, InterruptedException {
    List<String> tokens = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String customer = "cus_%04d".formatted(i);
      ObjectNode body = JSON.createObjectNode().put("subject", customer).put("role", "customer");
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/demo/tokens"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("no demo token for " + customer + ": " + response.body());
      }
      tokens.add(JSON.readTree(response.body()).path("token").asText());
    }
    return tokens;
  }

  /** The stub model's request and connection counts ({@code GET /stats}). */
  private long[] modelStats() {
    String stub = options.get("--model");
    if (stub == null) {
      return new long[] {0, 0};
    }
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(stub + "/stats")).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode stats = JSON.readTree(response.body());
      return new long[] {stats.path("requests").asLong(), stats.path("connections").asLong()};
    } catch (IOException | InterruptedException e) {
      return new long[] {0, 0};
    }
  }

  /** CPU time of a process in ms: its own plus that of its children it waited for. */
  static long cpu(String pid) {
    if (pid == null) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14..17 of stat (utime, stime, cutime, cstime) are 11..14 after the command
      long ticks =
          Long.parseLong(f[11])
              + Long.parseLong(f[12])
              + Long.parseLong(f[13])
              + Long.parseLong(f[14]);
      return ticks * 10; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The postmaster (ended backends are in its children's time) and its live backends. */
  private long postgresCpu() {
    String postmaster = options.get("--pg-pid");
    if (postmaster == null) {
      return 0;
    }
    long total = cpu(postmaster);
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          if (f[1].equals(postmaster)) {
            total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
          }
        } catch (IOException | RuntimeException e) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return total;
    }
    return total;
  }

  private void write(
      String mode,
      int seconds,
      long end,
      long cpuService,
      long cpuPg,
      long modelRequests,
      long modelConnections)
      throws IOException {
    ObjectNode row = JSON.createObjectNode();
    row.put("label", options.getOrDefault("--label", mode));
    row.put("channel", options.getOrDefault("--channel", "rest"));
    row.put("target", options.getOrDefault("--target", "frontdesk"));
    row.put("mode", mode);
    row.put("in_flight", Integer.parseInt(options.getOrDefault("--in-flight", "0")));
    row.put("rate", Double.parseDouble(options.getOrDefault("--rate", "0")));
    row.put("seconds", seconds);
    int good = ok.get();
    int bad = failures.values().stream().mapToInt(AtomicInteger::get).sum();
    row.put("turns", good + bad);
    row.put("ok", good);
    row.put("failed", bad);
    ObjectNode kinds = row.putObject("failures");
    failures.forEach((k, v) -> kinds.put(k, v.get()));
    row.set("escalations_by_reason", escalationReasons);
    synchronized (ioFailures) {
      if (!ioFailures.isEmpty()) {
        ioFailures.forEach(row.putArray("io_failures")::add);
      }
    }
    // turns/s: those that ended inside the window
    row.put("ok_per_second", okInWindow.get() / (double) seconds);
    row.put("p50_ms", percentile(latencies, 50));
    row.put("p99_ms", percentile(latencies, 99));
    row.put("max_ms", percentile(latencies, 100));
    if (!ttfts.isEmpty()) {
      row.put("ttft_p50_ms", percentile(ttfts, 50));
      row.put("ttft_p99_ms", percentile(ttfts, 99));
      row.put("gap_p50_ms", percentile(gaps, 50));
      row.put("gap_p99_ms", percentile(gaps, 99));
    }
    row.put("cpu_service_ms_per_turn", good == 0 ? 0 : cpuService / (double) good);
    row.put("cpu_postgres_ms_per_turn", good == 0 ? 0 : cpuPg / (double) good);
    // the service's CPU per turn by kind of thread (where it goes: event loops, workers, JIT, GC)
    ObjectNode byThread = row.putObject("cpu_service_threads_ms_per_turn");
    threadsCpu.forEach(
        (kind, ms) -> {
          if (good > 0 && ms / (double) good >= 0.05) {
            byThread.put(kind, Math.round(ms * 100.0 / good) / 100.0);
          }
        });
    // the service's and PostgreSQL's CPU as a share of the machine (all cores), and the machine's
    double cores = Runtime.getRuntime().availableProcessors();
    row.put("cpu_service_pg_pct", 100.0 * (cpuService + cpuPg) / (seconds * 1000.0 * cores));
    row.put("machine_cpu_busy_pct", machineBusyPct);
    row.put("model_calls_per_turn", good + bad == 0 ? 0 : modelRequests / (double) (good + bad));
    row.put("model_connections_total", modelConnections);
    row.put("loadavg", Files.readString(Path.of("/proc/loadavg")).trim());
    Path out = Path.of(options.getOrDefault("--out", "target/benchmark/results.jsonl"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, row + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.println(row);
  }

  private static double percentile(List<Long> values, int p) {
    List<Long> sorted;
    synchronized (values) {
      if (values.isEmpty()) {
        return 0;
      }
      sorted = new ArrayList<>(values);
    }
    Collections.sort(sorted);
    int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1_000_000.0;
  }
}
