package io.frontdesk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Slowloris: a client that sends half a request and waits is closed once the configured deadline
 * passes (the test profile's frontdesk.http header and body timeouts are 4 s) instead of holding a
 * connection for minutes; a client that keeps to the deadlines, and a feed that stays quiet, are
 * not. The assertions are on closure, never on how long it took.
 */
@QuarkusTest
class SlowClientsTest {

  /** Far longer than any deadline of the test profile: a socket still open then was not closed. */
  static final int PATIENCE_MS = 60_000;

  @TestHTTPResource("/")
  URI base;

  @Inject MeterRegistry registry;

  private Socket connect() throws IOException {
    Socket socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(PATIENCE_MS);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Everything the server sends until it closes the connection (fails if it never does). */
  private static String untilClosed(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder received = new StringBuilder();
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
      return received.toString();
    } catch (SocketTimeoutException stillOpen) {
      throw new AssertionError("the server kept the connection open; received: " + received);
    }
  }

  private double mistakes(String kind) {
    Counter counter = registry.find("frontdesk.client.mistakes").tag("kind", kind).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aConnectionThatSendsNothingIsClosed() throws IOException {
    try (Socket socket = connect()) {
      assertEquals("", untilClosed(socket));
    }
  }

  @Test
  void halfARequestLineIsClosed() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET /q/hea");
      assertEquals("", untilClosed(socket));
    }
  }

  @Test
  void halfTheHeadersIsClosed() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nX-Half: ");
      assertEquals("", untilClosed(socket));
    }
  }

  @Test
  void aPartialBodyIsAnsweredWith408AndClosed() throws IOException {
    double before = mistakes("http_body_timeout");
    try (Socket socket = connect()) {
      send(
          socket,
          "POST /api/v1/inquiries HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n"
                  .formatted(TestTokens.customer("cus_0125"))
              + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"message\":");
      String answer = untilClosed(socket);
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains("\"error\":\"request_timeout\""), answer);
    }
    assertEquals(before + 1, mistakes("http_body_timeout"));
  }

  @Test
  void theNextRequestOnAKeptAliveConnectionHasAHeadDeadlineToo() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
      String first = RequestRulesTest.readAnswer(socket.getInputStream());
      assertTrue(first.startsWith("HTTP/1.1 200"), first);
      send(socket, "GET /q/health/live HTTP/1.1\r\nHost: loc");
      assertEquals("", untilClosed(socket));
    }
  }

  @Test
  void aWellBehavedClientAndAQuietFeedOutliveTheDeadlines() throws Exception {
    ModelServerTestResource.server().reset();
    ModelServerTestResource.server().enqueue(Reply.text("Hello!"));
    String conversation =
        Inquiries.ask("cus_0125", "hello, a question").getString("conversationId");
    try (Socket feed = connect()) {
      send(
          feed,
          "GET /api/v1/conversations/%s/events HTTP/1.1\r\nHost: localhost\r\n"
                  .formatted(conversation)
              + "Accept: text/event-stream\r\nAuthorization: Bearer %s\r\n\r\n"
                  .formatted(TestTokens.customer("cus_0125")));
      InputStream in = feed.getInputStream();
      byte[] head = new byte[12];
      assertEquals(12, in.readNBytes(head, 0, 12));
      assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
      // longer than any deadline of the test profile, with nothing asked of the feed
      Thread.sleep(5_000);
      feed.setSoTimeout(1_000);
      try {
        while (in.read(new byte[4096]) >= 0) {
          // replayed events, if any
        }
        throw new AssertionError("the server closed a quiet feed");
      } catch (SocketTimeoutException stillOpen) {
        // open and quiet, as it should be
      }
    }
  }
}
