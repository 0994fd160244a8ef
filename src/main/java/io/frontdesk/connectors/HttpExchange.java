package io.frontdesk.connectors;

import io.frontdesk.toolgate.ToolRefused;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds one request to an operator's backend from a connector's declaration: the URL template
 * filled from the arguments (each value encoded), the rest of the arguments as query parameters or
 * a JSON body, the caller's customer id where the file says, the fixed headers and credentials, and
 * for a side effect its idempotency key.
 */
final class HttpExchange {

  private HttpExchange() {}

  static HttpRequest request(
      HttpToolSpec spec, Map<String, Object> arguments, String customerId, String idempotencyKey) {
    HttpToolSpec.Request r = spec.request();
    Map<String, Object> rest = new LinkedHashMap<>(arguments);
    String path =
        fill(r.url(), rest, r.customerIn().equals("path") ? r.customerName() : null, customerId);
    Map<String, Object> query = new LinkedHashMap<>();
    JsonObject body = null;
    if (r.hasBody()) {
      body = new JsonObject(new LinkedHashMap<>(rest));
      if (r.customerIn().equals("body")) {
        body.put(r.customerName(), customerId);
      }
    } else {
      query.putAll(rest);
    }
    if (r.customerIn().equals("query")) {
      query.put(r.customerName(), customerId);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(spec.backend().baseUrl() + path + query(query)))
            .timeout(Duration.ofMillis(spec.backend().policy().timeoutMs()))
            .header("Accept", "application/json");
    r.headers().forEach(request::header);
    if (r.customerIn().equals("header")) {
      request.header(r.customerName(), customerId);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    authenticate(spec.backend().auth(), request);
    if (body == null) {
      return request.method(r.method(), HttpRequest.BodyPublishers.noBody()).build();
    }
    return request
        .header("Content-Type", "application/json")
        .method(r.method(), HttpRequest.BodyPublishers.ofString(body.encode()))
        .build();
  }

  /** The ownership look-up: GET its URL with the one argument filled in. */
  static HttpRequest lookup(HttpToolSpec spec, String id) {
    HttpToolSpec.Ownership o = spec.ownership();
    Map<String, Object> args = new LinkedHashMap<>(Map.of(o.argument(), id));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(spec.backend().baseUrl() + fill(o.lookupUrl(), args, null, null)))
            .timeout(Duration.ofMillis(spec.backend().policy().timeoutMs()))
            .header("Accept", "application/json")
            .GET();
    spec.request().headers().forEach(request::header);
    authenticate(spec.backend().auth(), request);
    return request.build();
  }

  /**
   * Replaces each {@code {name}} by its argument (removed from {@code rest}) or the customer id.
   */
  private static String fill(
      String template, Map<String, Object> rest, String customerName, String customerId) {
    String path = template;
    if (customerName != null) {
      path = path.replace("{" + customerName + "}", encode(customerId));
    }
    for (String name : Map.copyOf(rest).keySet()) {
      String placeholder = "{" + name + "}";
      if (path.contains(placeholder)) {
        String value = String.valueOf(rest.remove(name)).strip();
        // "/" is encoded, but a segment of dots would still climb the operator's path
        if (value.isEmpty() || value.chars().allMatch(c -> c == '.')) {
          throw new ToolRefused("argument '" + name + "' is not a valid value");
        }
        path = path.replace(placeholder, encode(value));
      }
    }
    return path;
  }

  private static String query(Map<String, Object> parameters) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.forEach(
        (name, value) -> {
          if (value != null) {
            query.add(encode(name) + "=" + encode(String.valueOf(value)));
          }
        });
    return query.toString();
  }

  private static void authenticate(HttpToolSpec.Auth auth, HttpRequest.Builder request) {
    switch (auth.type()) {
      case "bearer" -> request.header("Authorization", "Bearer " + auth.secret());
      case "basic" ->
          request.header(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (auth.user() + ":" + auth.secret()).getBytes(StandardCharsets.UTF_8)));
      case "api-key" -> request.header(auth.header(), auth.secret());
      default -> {}
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
