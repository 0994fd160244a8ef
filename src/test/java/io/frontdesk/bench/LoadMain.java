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

/**
 * The benchmark's load generator, its own process: customer turns over REST or SSE, closed-loop at
 * N in flight or open-loop at a rate, against the packaged service. A turn counts as successful
 * only when it resolved; escalations, errors and non-200s are failures, reported by kind. CPU per
 * turn comes from {@code /proc/<pid>/stat} of the service and of the PostgreSQL processes.
 */
public final class LoadMain {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MESSAGE = "How do I export my data?";
  private static final int CUSTOMERS = 240;

  private final Map<String, String> options;
  private final String base;
  private final HttpClient http;
  private final List<String> tokens = new ArrayList<>();
  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> ttfts = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> gaps = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean measuring;

  private LoadMain(Map<String, String> options) {
    this.options = options;
    this.base = options.get("--base");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
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
    for (int i = 1; i <= CUSTOMERS; i++) {
      tokens.add(token("cus_%04d".formatted(i)));
    }
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
        workers.submit(
            () -> {
              while (System.nanoTime() < stopAt) {
                turn(System.nanoTime());
              }
            });
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
      start(cpuBefore, modelBefore);
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      measuring = false;
      end = System.nanoTime();
    } else {
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
        workers.submit(() -> turn(scheduled));
      }
      measuring = false;
      end = System.nanoTime();
    }
    long cpuService = cpu(options.get("--service-pid")) - cpuBefore[0];
    long cpuPg = postgresCpu() - cpuBefore[1];
    long[] model = modelStats();
    workers.shutdown();
    workers.awaitTermination(90, TimeUnit.SECONDS);
    write(mode, seconds, end, cpuService, cpuPg, model[0] - modelBefore[0], model[1]);
  }

  private void start(long[] cpuBefore, long[] modelBefore) {
    cpuBefore[0] = cpu(options.get("--service-pid"));
    cpuBefore[1] = postgresCpu();
    long[] model = modelStats();
    modelBefore[0] = model[0];
    modelBefore[1] = model[1];
    measuring = true;
  }

  private void turn(long startedAt) {
    boolean counted = measuring;
    String token = tokens.get((int) (sequence.incrementAndGet() % tokens.size()));
    String body = JSON.createObjectNode().put("message", MESSAGE).toString();
    boolean sse = "sse".equals(options.getOrDefault("--channel", "rest"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/inquiries" + (sse ? "/stream" : "")))
            .timeout(Duration.ofSeconds(90))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      String outcome = sse ? streamed(request, startedAt, counted) : rest(request);
      long took = System.nanoTime() - startedAt;
      if (!counted) {
        return;
      }
      if (outcome == null) {
        ok.incrementAndGet();
        latencies.add(took);
      } else {
        failures.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      if (counted) {
        failures
            .computeIfAbsent("io:" + e.getClass().getSimpleName(), k -> new AtomicInteger())
            .incrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Null when the turn resolved, else what went wrong. */
  private String rest(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return "http_" + response.statusCode();
    }
    JsonNode answer = JSON.readTree(response.body());
    return answer.path("resolved").asBoolean() ? null : "not_resolved";
  }

  private String streamed(HttpRequest request, long startedAt, boolean counted)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      return "http_" + response.statusCode();
    }
    long last = 0;
    String outcome = "no_done";
    List<Long> myGaps = new ArrayList<>();
    long ttft = -1;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.startsWith("data:")) {
          continue;
        }
        JsonNode event = JSON.readTree(line.substring(5).trim());
        String type = event.path("type").asText();
        long now = System.nanoTime();
        if (type.equals("text")) {
          if (ttft < 0) {
            ttft = now - startedAt;
          } else {
            myGaps.add(now - last);
          }
          last = now;
        } else if (type.equals("error")) {
          outcome = "error:" + event.path("code").asText();
        } else if (type.equals("done")) {
          if (!outcome.startsWith("error")) {
            outcome = event.path("resolved").asBoolean() ? null : "not_resolved";
          }
          break;
        }
      }
    }
    if (counted && outcome == null) {
      ttfts.add(ttft);
      gaps.addAll(myGaps);
    }
    return outcome;
  }

  private String token(String customer) throws IOException, InterruptedException {
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
    return JSON.readTree(response.body()).path("token").asText();
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
    row.put("ok_per_second", good / (double) seconds);
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
