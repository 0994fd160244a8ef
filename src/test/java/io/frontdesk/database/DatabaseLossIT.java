package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.ServiceProcess;
import io.frontdesk.testing.TestKeys;
import io.frontdesk.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL killed (kill -9 of the postmaster) while customers use the packaged
 * service: every answer meanwhile is a 503 with Retry-After (never a 500), readiness goes DOWN, the
 * outage is at most three WARN/ERROR lines, and the service restarts its database and answers again
 * without a person.
 */
class DatabaseLossIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String[] CUSTOMERS = {"cus_0006", "cus_0007", "cus_0008", "cus_0009"};

  @TempDir Path dir;

  /** One answer a customer got: when, to what, its status and Retry-After. */
  private record Answer(long nanos, String what, int status, String retryAfter) {}

  @Test
  void aKilledPostgresUnderLoadIs503sUntilTheServiceHasRestartedIt() throws Exception {
    Path data = dir.resolve("pg");
    try (ServiceProcess service = ServiceProcess.start(dir, "service", env(data))) {
      List<Answer> answers = new CopyOnWriteArrayList<>();
      List<Integer> readiness = new CopyOnWriteArrayList<>();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService load = Executors.newFixedThreadPool(CUSTOMERS.length + 1);
      for (String customer : CUSTOMERS) {
        load.execute(() -> customerLoop(service, customer, running, answers));
      }
      Eventually.await(
          "the load is answered", Duration.ofMinutes(1), () -> countOk(answers, 0) >= 8);

      long postmaster = postmasterPid(data);
      int logLinesBefore = service.log().split("\n").length;
      long killed = System.nanoTime();
      load.execute(() -> readinessLoop(service, running, readiness));
      ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

      Eventually.await(
          "answers again",
          Duration.ofMinutes(2),
          () -> answers.stream().anyMatch(a -> a.nanos() > killed && a.status() == 200));
      Eventually.await("ready again", Duration.ofSeconds(30), () -> ready(service));
      Thread.sleep(1000);
      running.set(false);
      load.shutdown();
      load.awaitTermination(1, TimeUnit.MINUTES);

      List<Answer> after = answers.stream().filter(a -> a.nanos() >= killed).toList();
      List<Answer> failed = after.stream().filter(a -> a.status() != 200).toList();
      long firstOk =
          after.stream()
              .filter(a -> a.status() == 200)
              .mapToLong(Answer::nanos)
              .min()
              .orElseThrow();
      System.out.printf(
          "DatabaseLossIT: %d answers after the kill, %d of them 503; first 200 %d ms after it%n",
          after.size(), failed.size(), (firstOk - killed) / 1_000_000);
      assertFalse(failed.isEmpty(), "the load met the outage");
      assertTrue(failed.stream().allMatch(a -> a.status() == 503), "only 503s: " + failed);
      assertTrue(failed.stream().allMatch(a -> a.retryAfter() != null), "Retry-After: " + failed);
      assertTrue(readiness.contains(503), "readiness went DOWN: " + readiness);
      assertNotEquals(postmaster, postmasterPid(data), "a new server runs on the folder");

      List<String> outageLog = linesFrom(service.log(), logLinesBefore);
      List<String> warnings =
          outageLog.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
      assertTrue(warnings.size() <= 3, "at most 3 WARN/ERROR lines: " + warnings);
      assertEquals(
          1,
          outageLog.stream().filter(l -> l.contains("Database unavailable")).count(),
          warnings.toString());
      assertEquals(
          1,
          outageLog.stream().filter(l -> l.contains("Database available again")).count(),
          String.join("\n", outageLog));
    }
  }

  private static void customerLoop(
      ServiceProcess service, String customer, AtomicBoolean running, List<Answer> answers) {
    String token = TestTokens.customer(customer);
    while (running.get()) {
      answers.add(send(service, token, "me", HttpRequest.newBuilder().GET(), "/api/v1/me"));
      answers.add(
          send(
              service,
              token,
              "inquiry",
              HttpRequest.newBuilder()
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"message\":\"Which plans do you offer?\"}")),
              "/api/v1/inquiries"));
    }
  }

  private static Answer send(
      ServiceProcess service, String token, String what, HttpRequest.Builder request, String path) {
    long at = System.nanoTime();
    try {
      HttpResponse<String> response =
          HTTP.send(
              request
                  .uri(URI.create(service.baseUrl() + path))
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          at,
          what,
          response.statusCode(),
          response.headers().firstValue("Retry-After").orElse(null));
    } catch (IOException e) {
      return new Answer(at, what + " (" + e + ")", -1, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(at, what, -1, null);
    }
  }

  private static void readinessLoop(
      ServiceProcess service, AtomicBoolean running, List<Integer> statuses) {
    while (running.get()) {
      statuses.add(ready(service) ? 200 : 503);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static boolean ready(ServiceProcess service) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long countOk(List<Answer> answers, long since) {
    return answers.stream().filter(a -> a.nanos() >= since && a.status() == 200).count();
  }

  private static long postmasterPid(Path data) throws IOException {
    return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
  }

  private static List<String> linesFrom(String log, int from) {
    String[] lines = log.split("\n");
    List<String> rest = new ArrayList<>();
    for (int i = from; i < lines.length; i++) {
      rest.add(lines[i]);
    }
    return rest;
  }

  static Map<String, String> env(Path data) {
    return Map.of(
        "FRONTDESK_SECURITY_PUBLIC_KEY_LOCATION",
        TestKeys.trustedPublicKeyLocation(),
        "FRONTDESK_SECURITY_ISSUER",
        TestTokens.ISSUER,
        "FRONTDESK_EMBEDDED_DATABASE_DATA_DIR",
        data.toString(),
        "FRONTDESK_RATE_LIMIT_ENABLED",
        "false");
  }
}
