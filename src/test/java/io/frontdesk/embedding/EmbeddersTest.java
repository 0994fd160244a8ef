package io.frontdesk.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmbeddersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theInProcessModelGivesUnitVectorsThatRankMeaning() {
    Embedder model = InProcessEmbedder.load();
    float[] reset = model.embed("How do I reset my password?");
    float[] forgot = model.embed("I forgot my login password");
    float[] invoice = model.embed("Where can I download my invoice?");
    assertEquals(384, reset.length);
    assertEquals(1.0, Vectors.dot(reset, reset), 1e-4);
    assertTrue(Vectors.dot(reset, forgot) > Vectors.dot(reset, invoice));
    assertArrayEquals(
        reset, model.embedAll(List.of("How do I reset my password?")).getFirst(), 1e-5f);
  }

  @Test
  void theCacheEmbedsARepeatedTextOnce() {
    AtomicInteger calls = new AtomicInteger();
    Embedder counting =
        new Embedder() {
          @Override
          public String modelId() {
            return "counting";
          }

          @Override
          public float[] embed(String text) {
            calls.incrementAndGet();
            return new float[] {text.length()};
          }

          @Override
          public List<float[]> embedAll(List<String> texts) {
            return texts.stream().map(this::embed).toList();
          }
        };
    CachingEmbedder cache = new CachingEmbedder(counting, 2);
    float[] first = cache.embed("a message");
    assertSame(first, cache.embed("a message"));
    assertEquals(1, calls.get());
    cache.embed("b");
    cache.embed("c");
    cache.embed("a message");
    assertEquals(4, calls.get(), "the oldest entry was evicted");
  }

  @Test
  void aRemoteEndpointIsCalledInBatchesAndItsVectorsNormalised() throws Exception {
    List<JsonNode> requests = new ArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/embeddings",
        exchange -> {
          JsonNode body = JSON.readTree(exchange.getRequestBody());
          synchronized (requests) {
            requests.add(body);
          }
          StringBuilder data = new StringBuilder("{\"object\":\"list\",\"data\":[");
          int n = body.get("input").size();
          // answer in reverse order: the client must place vectors by index
          for (int i = n - 1; i >= 0; i--) {
            data.append("{\"index\":%d,\"embedding\":[3,%d]}".formatted(i, 4 * (i + 1)));
            data.append(i > 0 ? "," : "");
          }
          byte[] bytes = data.append("]}").toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(
              "Bearer k".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
              bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    try {
      RemoteEmbedder remote =
          new RemoteEmbedder(
              remote("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "k"));
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 70; i++) {
        texts.add("text " + i);
      }
      List<float[]> vectors = remote.embedAll(texts);
      assertEquals(70, vectors.size());
      assertEquals(2, requests.size(), "64 per request");
      assertEquals("nomic-embed-text", requests.getFirst().get("model").asText());
      assertArrayEquals(new float[] {0.6f, 0.8f}, vectors.getFirst(), 1e-6f);
      assertEquals("remote:nomic-embed-text", remote.modelId());

      RemoteEmbedder unauthorised =
          new RemoteEmbedder(
              remote("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "wrong"));
      IllegalStateException refused =
          assertThrows(IllegalStateException.class, () -> unauthorised.embed("x"));
      assertTrue(refused.getMessage().contains("401"), refused.getMessage());
    } finally {
      server.stop(0);
    }
  }

  private static EmbeddingConfig.Remote remote(String url, String key) {
    return new EmbeddingConfig.Remote() {
      @Override
      public Optional<String> baseUrl() {
        return Optional.of(url);
      }

      @Override
      public Optional<String> apiKey() {
        return Optional.of(key);
      }

      @Override
      public String model() {
        return "nomic-embed-text";
      }

      @Override
      public Duration timeout() {
        return Duration.ofSeconds(5);
      }
    };
  }
}
