package io.frontdesk.http;

import static io.frontdesk.testing.Database.rows;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.CapturedLog;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every request meets before an endpoint acts on it: bodies are well-formed UTF-8 (not
 * rewritten silently), messages keep the same text rules as on the WebSocket, ids carry no matrix
 * parameters, a feed is the caller's or a 404 before any stream starts, and a request has a {@code
 * Host}. Customers cus_0128 and cus_0129 are this test's.
 */
@QuarkusTest
class RequestRulesTest {

  static final String CUSTOMER = "cus_0128";

  @TestHTTPResource("/")
  URI base;

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  /** Posts raw bytes as a JSON inquiry. */
  private static io.restassured.response.ValidatableResponse inquiry(byte[] body) {
    return Inquiries.as(CUSTOMER)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/inquiries")
        .then();
  }

  private static byte[] message(byte... inner) {
    byte[] start = "{\"message\":\"hello ".getBytes(StandardCharsets.US_ASCII);
    byte[] end = " there\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[start.length + inner.length + end.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(inner, 0, all, start.length, inner.length);
    System.arraycopy(end, 0, all, start.length + inner.length, end.length);
    return all;
  }

  @Test
  void overlongUtf8IsRefusedNotRewritten() {
    // C0 AF is "/" in an overlong form; C0 80 a NUL that slips past a check of the decoded text
    for (byte[] overlong :
        List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xC0, (byte) 0x80})) {
      inquiry(message(overlong))
          .statusCode(400)
          .body("error", equalTo("invalid_request"))
          .body("message", containsString("not valid UTF-8 at byte 18"));
    }
    assertEquals(0, model.requestCount(), "nothing reached the model");
  }

  @Test
  void unpairedSurrogatesAreRefusedAsBytesAndAsEscapes() {
    inquiry(message((byte) 0xED, (byte) 0xA0, (byte) 0x80))
        .statusCode(400)
        .body("message", containsString("(ED A0 80"));
    inquiry("{\"message\":\"hello \\ud800 there\"}".getBytes(StandardCharsets.US_ASCII))
        .statusCode(400)
        .body("message", containsString("'message' contains an unpaired surrogate U+D800"));
    assertEquals(0, model.requestCount(), "nothing reached the model");
  }

  @Test
  void wellFormedTextOutsideAsciiIsStoredAsSent() {
    model.enqueue(Reply.text("Hallo!"));
    String text = "Grüße 👋 — 你好";
    String conversation =
        inquiry(("{\"message\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8))
            .statusCode(200)
            .extract()
            .path("conversationId");
    assertEquals(
        text,
        rows(
                pool,
                "select content from message where conversation_id = $1 and role = 'user'",
                UUID.fromString(conversation))
            .getFirst()
            .getString(0));
  }

  @Test
  void aControlCharacterIsRefusedBeforeAnEventStreamStarts() {
    Inquiries.as(CUSTOMER)
        .contentType(ContentType.JSON)
        .accept("text/event-stream")
        .body("{\"message\":\"bell\\u0085 ring\"}")
        .post("/api/v1/inquiries/stream")
        .then()
        .statusCode(400)
        .body("message", containsString("U+0085"));
  }

  @Test
  void matrixParametersInAnIdAreRefusedAndNothingChanges() {
    String title =
        rows(pool, "select title from kb_article where id = 'KB-1001'").getFirst().getString(0);
    Inquiries.asAdmin()
        .urlEncodingEnabled(false)
        .contentType(ContentType.JSON)
        .body("{\"group\":\"billing\",\"title\":\"Dropped\",\"body\":\"replaced\"}")
        .put("/api/v1/admin/knowledge/articles/KB-1001;%20DROP")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_request"))
        .body("message", containsString("matrix parameter"));
    Inquiries.as(CUSTOMER)
        .urlEncodingEnabled(false)
        .get("/api/v1/conversations/" + UUID.randomUUID() + ";x=1")
        .then()
        .statusCode(400);
    assertEquals(
        title,
        rows(pool, "select title from kb_article where id = 'KB-1001'").getFirst().getString(0));
  }

  @Test
  void followingAMissingOrForeignConversationIsA404BeforeAnyStream() {
    model.enqueue(Reply.text("Hello!"));
    String theirs = Inquiries.ask("cus_0129", "hello, a question").getString("conversationId");
    try (CapturedLog log = CapturedLog.start()) {
      for (String id : List.of(theirs, UUID.randomUUID().toString())) {
        Inquiries.as(CUSTOMER)
            .accept("text/event-stream")
            .get("/api/v1/conversations/" + id + "/events")
            .then()
            .statusCode(404)
            .contentType(ContentType.JSON)
            .body("error", equalTo("not_found"));
      }
      assertEquals(List.of(), log.alarms());
    }
    Inquiries.as("cus_0129")
        .accept(ContentType.JSON)
        .get("/api/v1/conversations/" + theirs + "/events")
        .then()
        .statusCode(200);
  }

  @Test
  void aRequestWithoutHostIsA400WithAReason() throws IOException {
    try (CapturedLog log = CapturedLog.start();
        Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /q/health/live HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readAnswer(socket.getInputStream());
      assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
      assertTrue(answer.contains("needs a Host header"), answer);
      assertEquals(List.of(), log.alarms());
    }
  }

  /** What the server sent until its answer's body ended (Content-Length) or it closed. */
  static String readAnswer(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    int length = -1;
    int bodyStart = -1;
    int b;
    while ((b = in.read()) >= 0) {
      text.append((char) b);
      if (bodyStart < 0 && text.toString().endsWith("\r\n\r\n")) {
        bodyStart = text.length();
        for (String line : text.toString().split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
      }
      if (bodyStart >= 0 && length >= 0 && text.length() - bodyStart >= length) {
        break;
      }
    }
    return text.toString();
  }
}
