package io.frontdesk.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** An OpenAI-compatible {@code POST /v1/embeddings} endpoint (OpenAI, Ollama, vLLM, ...). */
final class RemoteEmbedder implements Embedder {

  // endpoints cap the inputs of one request (OpenAI: 2048); stay well below
  private static final int BATCH = 64;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String apiKey;
  private final String model;
  private final EmbeddingConfig.Remote config;
  private final HttpClient http;

  RemoteEmbedder(EmbeddingConfig.Remote config) {
    String base =
        config
            .baseUrl()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "frontdesk.embedding.provider=remote needs frontdesk.embedding.remote.base-url"));
    this.endpoint = URI.create(base.replaceAll("/+$", "") + "/embeddings");
    this.apiKey = config.apiKey().filter(k -> !k.isBlank()).orElse(null);
    this.model = config.model();
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
  }

  @Override
  public String modelId() {
    return "remote:" + model;
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text)).getFirst();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += BATCH) {
      out.addAll(request(texts.subList(from, Math.min(texts.size(), from + BATCH))));
    }
    return out;
  }

  private List<float[]> request(List<String> texts) {
    ObjectNode body = JSON.createObjectNode().put("model", model);
    texts.forEach(body.putArray("input")::add);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "embeddings endpoint answered HTTP " + response.statusCode());
      }
      return vectors(JSON.readTree(response.body()), texts.size());
    } catch (IOException e) {
      throw new UncheckedIOException("embeddings endpoint unreachable: " + endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    }
  }

  /** The vectors in input order (the response carries each one's index), scaled to unit length. */
  static List<float[]> vectors(JsonNode response, int expected) {
    float[][] out = new float[expected][];
    for (JsonNode item : response.path("data")) {
      int index = item.path("index").asInt(-1);
      JsonNode values = item.path("embedding");
      if (index < 0 || index >= expected || !values.isArray() || values.isEmpty()) {
        throw new IllegalStateException("malformed embeddings response");
      }
      float[] v = new float[values.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) values.get(i).asDouble();
      }
      out[index] = Vectors.normalize(v);
    }
    for (float[] v : out) {
      if (v == null) {
        throw new IllegalStateException("embeddings response is missing vectors");
      }
    }
    return List.of(out);
  }
}
