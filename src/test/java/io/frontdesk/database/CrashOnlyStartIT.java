package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.ServiceProcess;
import io.frontdesk.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service killed with kill -9 (as by the OOM killer) and started again on the same
 * data folder, as a supervisor does: it is ready without a person, the data is intact and the old
 * PostgreSQL is gone — stopped by the watchdog, or, when the watchdog was killed too, by the start.
 */
class CrashOnlyStartIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern CONVERSATION =
      Pattern.compile("\"conversationId\":\"([0-9a-f-]{36})\"");
  private static final String CUSTOMER = "cus_0006";

  @TempDir Path dir;

  @Test
  void aServiceKilledWithKill9StartsAgainOnItsDataAndTheOldPostgresIsGone() throws Exception {
    Path data = dir.resolve("pg");
    ServiceProcess first = ServiceProcess.start(dir, "first", DatabaseLossIT.env(data));
    String conversation;
    long firstPostmaster;
    try {
      conversation = ask(first, "Which plans do you offer?");
      firstPostmaster = postmasterPid(data);
      first.kill();
      Eventually.await(
          "its watchdog stops the PostgreSQL the killed service left",
          Duration.ofSeconds(60),
          () -> !alive(firstPostmaster));
    } finally {
      first.close();
    }

    ServiceProcess second = ServiceProcess.start(dir, "second", DatabaseLossIT.env(data));
    long secondPostmaster;
    try {
      assertTrue(transcript(second, conversation).contains("Which plans do you offer?"));
      secondPostmaster = postmasterPid(data);
      // the whole process group is killed: the watchdog goes too and the server stays behind
      watchdogOf(second).destroyForcibly();
      second.kill();
      assertTrue(alive(secondPostmaster), "PostgreSQL outlived the killed service");
    } finally {
      second.close();
    }

    try (ServiceProcess third = ServiceProcess.start(dir, "third", DatabaseLossIT.env(data))) {
      assertTrue(transcript(third, conversation).contains("Which plans do you offer?"));
      assertFalse(alive(secondPostmaster), "the start stopped the server left behind");
      assertTrue(
          third.log().contains("outlived the Frontdesk that started it"),
          "the take-over is said once in the log");
      assertFalse(third.log().contains("Gave up waiting"), third.log());
    }
  }

  private static String ask(ServiceProcess service, String message) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/inquiries"))
                .header("Authorization", "Bearer " + TestTokens.customer(CUSTOMER))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    Matcher m = CONVERSATION.matcher(response.body());
    assertTrue(m.find(), response.body());
    return m.group(1);
  }

  private static String transcript(ServiceProcess service, String conversation) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/api/v1/conversations/" + conversation))
                .header("Authorization", "Bearer " + TestTokens.customer(CUSTOMER))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  private static ProcessHandle watchdogOf(ServiceProcess service) {
    List<ProcessHandle> watchdogs =
        ProcessHandle.of(service.pid())
            .orElseThrow()
            .descendants()
            .filter(
                p ->
                    p.info()
                        .arguments()
                        .map(a -> List.of(a).contains("frontdesk-postgres-watchdog"))
                        .orElse(false))
            .toList();
    assertEquals(1, watchdogs.size(), "one watchdog");
    return watchdogs.getFirst();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static long postmasterPid(Path data) throws Exception {
    return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
  }
}
