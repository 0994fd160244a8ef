package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.CapturedLog;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.RawWebSocket;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.SocketClient;
import io.frontdesk.testing.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat and console sockets under a client's mistakes and an attacker's: tokens that expire or
 * name nobody, text that breaks the rules, frames that break the protocol. Each is refused with a
 * code and reason the page understands, logged as one INFO line at most, never as an ERROR.
 * Customers cus_0121 … cus_0124 are this test's.
 */
@QuarkusTest
class ChatSocketTrustTest {

  static final String CHAT = "/ws/chat";

  @TestHTTPResource("/")
  URI base;

  @Inject Pool pool;
  @Inject MeterRegistry registry;
  @Inject io.frontdesk.security.SecurityConfig security;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private double mistakes(String kind) {
    Counter counter = registry.find("frontdesk.client.mistakes").tag("kind", kind).counter();
    return counter == null ? 0 : counter.count();
  }

  private long conversationsOf(String customer) {
    return count(pool, "select count(*) from conversation where customer_id = $1", customer);
  }

  /** A token that is still accepted now and stops being accepted in about {@code seconds}. */
  private String expiringIn(Map<String, Object> claims, long seconds) {
    Instant exp = Instant.now().minus(security.clockSkew()).plusSeconds(seconds);
    return TestTokens.withClaims(claims, exp);
  }

  @Test
  void anUpgradeWithAnExpiredTokenIsA401SayingSoAndNoErrorIsLogged() {
    double before = mistakes("websocket_token_refused");
    try (CapturedLog log = CapturedLog.start()) {
      String answer =
          RawWebSocket.upgradeAnswer(base, CHAT, TestTokens.expiredCustomer("cus_0121", 600));
      assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
      assertTrue(
          answer.contains(
              "WWW-Authenticate: Bearer error=\"invalid_token\","
                  + " error_description=\"the token has expired\""),
          answer);
      assertEquals(List.of(), log.alarms());
    }
    assertEquals(before + 1, mistakes("websocket_token_refused"));
  }

  @Test
  void anUpgradeForACustomerTheDatabaseDoesNotKnowIsRefused() {
    String answer = RawWebSocket.upgradeAnswer(base, CHAT, TestTokens.customer("cus_9998"));
    assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
    assertTrue(answer.contains("the token names customer cus_9998, who is unknown"), answer);
    assertEquals(401, SocketClient.upgradeStatus(base, CHAT, TestTokens.customer("cus_9998")));
  }

  @Test
  void theChatClosesWith4401WhenItsTokenExpires() {
    String token = expiringIn(Map.of("sub", "cus_0121"), 4);
    try (SocketClient chat = SocketClient.connect(base, CHAT, token)) {
      assertEquals(4401, chat.closeStatus(Duration.ofSeconds(30)));
      assertTrue(chat.closeReason().startsWith("token expired"), chat.closeReason());
    }
    // the same token is refused from then on: the page must get a new one
    assertEquals(401, SocketClient.upgradeStatus(base, CHAT, token));
  }

  @Test
  void theConsoleClosesWith4401WhenTheAgentsTokenExpires() {
    String token = expiringIn(Map.of("sub", "agt_tess", "groups", Set.of("agent")), 4);
    try (SocketClient console = SocketClient.connect(base, "/ws/console", token)) {
      console.next("console_ready");
      assertEquals(4401, console.closeStatus(Duration.ofSeconds(30)));
    }
  }

  @Test
  void nulControlCharactersAndUnpairedSurrogatesAreRefusedAndNothingIsStored() {
    long conversations = conversationsOf("cus_0122");
    try (SocketClient chat = SocketClient.connect(base, CHAT, TestTokens.customer("cus_0122"))) {
      // as JSON escapes: a lone surrogate cannot travel as UTF-8 (that is a 1007, below)
      for (String text : List.of("hello\\u0000there", "bell\\u0007 ring", "half \\ud800 pair")) {
        chat.send("{\"type\":\"message\",\"text\":\"" + text + "\"}");
        List<JsonObject> turn = chat.turn();
        JsonObject error = turn.getFirst();
        assertEquals("error", error.getString("type"), "" + turn);
        assertEquals("invalid_request", error.getString("code"), error.encode());
        assertTrue(error.getString("message").startsWith("the message contains"), error.encode());
        assertTrue(!error.getString("message").contains("send it again"), error.encode());
      }
      assertTrue(!chat.isClosed());
    }
    assertEquals(conversations, conversationsOf("cus_0122"));
    assertEquals(0, model.requestCount(), "nothing reached the model");
  }

  @Test
  void aTextFrameThatIsNotUtf8ClosesWith1007AndRunsNoTurn() {
    long conversations = conversationsOf("cus_0123");
    double before = mistakes("websocket_invalid_utf8");
    try (CapturedLog log = CapturedLog.start();
        RawWebSocket ws = RawWebSocket.open(base, CHAT, TestTokens.customer("cus_0123"))) {
      ws.sendText(
          new byte[] {
            '{',
            '"',
            't',
            'y',
            'p',
            'e',
            '"',
            ':',
            '"',
            'm',
            'e',
            's',
            's',
            'a',
            'g',
            'e',
            '"',
            ',',
            '"',
            't',
            'e',
            'x',
            't',
            '"',
            ':',
            '"',
            'h',
            'i',
            ' ',
            (byte) 0xC3,
            '(',
            '"',
            '}'
          });
      RawWebSocket.Frame close = ws.awaitClose();
      assertEquals(1007, close.closeCode());
      assertEquals("a text message is not valid UTF-8", close.closeReason());
      assertEquals(List.of(), log.alarms());
    }
    assertEquals(conversations, conversationsOf("cus_0123"));
    assertEquals(0, model.requestCount());
    assertEquals(before + 1, mistakes("websocket_invalid_utf8"));
  }

  @Test
  void aCharacterSplitAcrossFragmentsIsStillUtf8() {
    model.enqueue(Reply.text("Bonjour !"));
    byte[] message =
        "{\"type\":\"message\",\"text\":\"café crème, please\"}".getBytes(StandardCharsets.UTF_8);
    int cut = new String(message, StandardCharsets.UTF_8).indexOf('é') + 1;
    try (RawWebSocket ws = RawWebSocket.open(base, CHAT, TestTokens.customer("cus_0124"))) {
      ws.send(RawWebSocket.TEXT, java.util.Arrays.copyOfRange(message, 0, cut), false, true);
      ws.send(
          RawWebSocket.CONTINUATION,
          java.util.Arrays.copyOfRange(message, cut, message.length),
          true,
          true);
      RawWebSocket.Frame frame;
      do {
        frame = assertOpen(ws);
      } while (!frame.text().contains("\"type\":\"done\""));
      String conversation = new JsonObject(frame.text()).getString("conversationId");
      assertEquals(
          "café crème, please",
          io.frontdesk.testing.Database.rows(
                  pool,
                  "select content from message where conversation_id = $1 and role = 'user'",
                  java.util.UUID.fromString(conversation))
              .getFirst()
              .getString(0));
    }
  }

  private static RawWebSocket.Frame assertOpen(RawWebSocket ws) {
    try {
      RawWebSocket.Frame frame = ws.read();
      assertTrue(frame != null && frame.opcode() == RawWebSocket.TEXT, "closed: " + frame);
      return frame;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void framesThatBreakTheProtocolCloseWith1002WithoutAnError() {
    double before = mistakes("websocket_protocol_error");
    try (CapturedLog log = CapturedLog.start()) {
      try (RawWebSocket ws = RawWebSocket.open(base, CHAT, TestTokens.customer("cus_0121"))) {
        ws.send(RawWebSocket.TEXT, "{\"type\":\"typing\"}".getBytes(), true, false);
        RawWebSocket.Frame close = ws.awaitClose();
        assertEquals(1002, close.closeCode());
        assertTrue(close.closeReason().contains("not masked"), close.closeReason());
      }
      try (RawWebSocket ws = RawWebSocket.open(base, CHAT, TestTokens.customer("cus_0121"))) {
        ws.send(3, "{}".getBytes(), true, true);
        assertEquals(1002, ws.awaitClose().closeCode());
      }
      assertEquals(List.of(), log.alarms());
    }
    assertEquals(before + 2, mistakes("websocket_protocol_error"));
  }
}
