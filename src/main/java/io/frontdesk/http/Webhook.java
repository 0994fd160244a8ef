package io.frontdesk.http;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Posts a JSON notification to an operator's webhook in the background: retried twice with backoff
 * (500 ms doubling to 5 s), failures logged, never surfaced to the customer who caused it.
 */
@ApplicationScoped
public class Webhook {

  private static final Logger LOG = Logger.getLogger(Webhook.class);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public void post(String url, String json, String what) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    Uni.createFrom()
        .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
        .invoke(
            response -> {
              if (response.statusCode() >= 300) {
                throw new IllegalStateException("webhook answered " + response.statusCode());
              }
            })
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
        .atMost(2)
        .subscribe()
        .with(
            ok -> LOG.debugf("Webhook notified of %s", what),
            failure -> LOG.warnf("Webhook for %s failed: %s", what, failure));
  }
}
