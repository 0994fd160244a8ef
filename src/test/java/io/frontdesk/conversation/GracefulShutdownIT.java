package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Hold;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.ServiceProcess;
import io.frontdesk.testing.SocketClient;
import io.frontdesk.testing.TestKeys;
import io.frontdesk.testing.TestTokens;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a streaming turn, against the packaged service: readiness goes DOWN, the turn runs
 * to its end (the customer gets done) and is stored — a restart on the same data finds it. Chat
 * sockets close with 1012 and a hint to reconnect: an idle one at once, one whose turn is running
 * after that turn's done.
 */
class GracefulShutdownIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern CONVERSATION =
      Pattern.compile("\\\"conversationId\\\":\\\"([0-9a-f-]{36})\\\"");
  private static final String CUSTOMER = "cus_0006";
  private static final String ANSWER = "Your invoices are all paid; nothing is due.";
  private static final String SOCKET_ANSWER = "We offer Free, Pro and Enterprise plans.";

  @TempDir Path dir;

  @Test
  void aTurnStreamingAtSigtermCompletesAndIsStored() throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      Hold slowSocket = new Hold();
      Hold slow = new Hold();
      Map<String, String> env = env(model);
      ServiceProcess first = ServiceProcess.start(dir, "first", env);
      URI base = URI.create(first.baseUrl());
      String conversation;
      try (SocketClient idle =
              SocketClient.connect(base, "/ws/chat", TestTokens.customer("cus_0007"));
          SocketClient busy =
              SocketClient.connect(base, "/ws/chat", TestTokens.customer("cus_0008"))) {
        model.enqueue(
            Reply.toolCall("search_knowledge_base", "{\"query\":\"plans\"}").heldBy(slowSocket));
        busy.send(new JsonObject().put("type", "message").put("text", "Which plans do you offer?"));
        slowSocket.awaitArrival();
        model.enqueue(Reply.text(ANSWER).heldBy(slow));
        CompletableFuture<String> stream =
            CompletableFuture.supplyAsync(() -> stream(first, "Do I owe you anything?"));
        slow.awaitArrival();
        // replies go to requests in order: the socket turn's second call comes after the stream's
        model.enqueue(Reply.text(SOCKET_ANSWER));

        first.terminate();
        assertNotEquals(200, readiness(first), "readiness is DOWN once SIGTERM arrived");
        assertEquals(
            1012, idle.closeStatus(Duration.ofSeconds(20)), "an idle socket closes at once");
        assertTrue(idle.closeReason().contains("reconnect"), idle.closeReason());
        assertFalse(busy.isClosed(), "a socket whose turn runs stays open until its done");
        slowSocket.release();
        slow.release();

        JsonObject done = busy.next("done");
        assertTrue(done.getBoolean("resolved"), done.encode());
        assertTrue(done.getString("response").contains("Pro"), done.encode());
        assertEquals(1012, busy.closeStatus(Duration.ofSeconds(20)), "closed after its done");
        String events = stream.get(90, TimeUnit.SECONDS);
        assertTrue(events.contains("\"type\":\"done\""), events);
        Matcher m = CONVERSATION.matcher(events);
        assertTrue(m.find(), events);
        conversation = m.group(1);
        first.awaitExit(Duration.ofSeconds(90));
      } finally {
        slowSocket.release();
        slow.release();
        first.close();
      }

      try (ServiceProcess second = ServiceProcess.start(dir, "second", env)) {
        HttpResponse<String> transcript =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create(second.baseUrl() + "/api/v1/conversations/" + conversation))
                    .header("Authorization", "Bearer " + TestTokens.customer(CUSTOMER))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(transcript.statusCode() == 200, transcript.body());
        assertTrue(transcript.body().contains("nothing is due"), transcript.body());
      }
    }
  }

  private Map<String, String> env(ScriptedModelServer model) {
    Map<String, String> env = new HashMap<>();
    env.put("FRONTDESK_SECURITY_PUBLIC_KEY_LOCATION", TestKeys.trustedPublicKeyLocation());
    env.put("FRONTDESK_SECURITY_ISSUER", TestTokens.ISSUER);
    env.put("FRONTDESK_EMBEDDED_DATABASE_DATA_DIR", dir.resolve("pg").toString());
    env.put("OPENAI_BASE_URL", model.baseUrl());
    env.put("OPENAI_API_KEY", "it");
    env.put("FRONTDESK_AGENT_TOPOLOGY", "single");
    return env;
  }

  private static String stream(ServiceProcess service, String message) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/inquiries/stream"))
                  .header("Authorization", "Bearer " + TestTokens.customer(CUSTOMER))
                  .header("Content-Type", "application/json")
                  .header("Accept", "text/event-stream")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The readiness status, or -1 when the replica no longer takes connections (also not ready). */
  private static int readiness(ServiceProcess service) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    int status = 200;
    while (status == 200 && System.nanoTime() < deadline) {
      try {
        status =
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode();
      } catch (IOException refused) {
        status = -1;
      }
      if (status == 200) {
        Thread.sleep(100);
      }
    }
    return status;
  }
}
