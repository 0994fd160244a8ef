package io.frontdesk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.frontdesk.toolgate.BackendGuards;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks an HTTP connector file ({@code kind: http}, the default). */
final class HttpToolSpecs {

  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,63}");
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  private HttpToolSpecs() {}

  static HttpToolSpec read(FileReader r, JsonNode root) {
    String name = r.text(root, "name");
    if (!NAME.matcher(name).matches()) {
      throw r.error("name", "must be lower case letters, digits and _ (found '" + name + "')");
    }
    JsonObjectSchema arguments =
        ArgumentSchemas.read(r, FileReader.at(root, "arguments"), "arguments");
    HttpToolSpec.Request request = request(r, root, arguments);
    return new HttpToolSpec(
        r.file(),
        name,
        r.text(root, "description"),
        new LinkedHashSet<>(r.texts(root, "agents")),
        r.risk(root, "risk", null),
        arguments,
        backend(r, root, "backend"),
        request,
        ownership(r, root, arguments),
        new HttpToolSpec.Response(
            r.texts(root, "response.fields"),
            (int) r.number(root, "response.max-chars", 2000, 100, 20_000)));
  }

  private static HttpToolSpec.Request request(FileReader r, JsonNode root, JsonObjectSchema args) {
    String method =
        r.oneOf(root, "request.method", null, Set.of("GET", "POST", "PUT", "PATCH", "DELETE"));
    String url = r.text(root, "request.url");
    String in =
        r.oneOf(
            root, "request.customer-field.in", "query", Set.of("query", "path", "header", "body"));
    String field = r.text(root, "request.customer-field.name");
    if (args.properties().containsKey(field)) {
      throw r.error(
          "request.customer-field.name",
          "names '"
              + field
              + "', which is also an argument: the model must never write the"
              + " customer's id, remove it from arguments");
    }
    if (in.equals("body") && !Set.of("POST", "PUT", "PATCH").contains(method)) {
      throw r.error("request.customer-field.in", "is body, but a " + method + " request has none");
    }
    Matcher m = PATH_VARIABLE.matcher(url);
    boolean customerInPath = false;
    while (m.find()) {
      String variable = m.group(1);
      if (variable.equals(field) && in.equals("path")) {
        customerInPath = true;
      } else if (!args.properties().containsKey(variable)) {
        throw r.error("request.url", "uses {" + variable + "}, which is not an argument");
      }
    }
    if (in.equals("path") && !customerInPath) {
      throw r.error(
          "request.url", "must contain {" + field + "} (the customer field is in the path)");
    }
    return new HttpToolSpec.Request(method, url, r.textMap(root, "request.headers"), in, field);
  }

  static HttpToolSpec.Backend backend(FileReader r, JsonNode root, String at) {
    String base = r.resolve(at + ".base-url", r.text(root, at + ".base-url"));
    try {
      URI uri = new URI(base);
      if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme()))
          || uri.getHost() == null) {
        throw r.error(at + ".base-url", "must be an http or https URL (found '" + base + "')");
      }
    } catch (URISyntaxException e) {
      throw r.error(at + ".base-url", "is not a URL (" + e.getReason() + ")");
    }
    BackendGuards.Policy policy =
        new BackendGuards.Policy(
            r.number(root, at + ".timeout-ms", 10_000, 100, 120_000),
            (int) r.number(root, at + ".max-concurrent", 16, 1, 1000),
            (int) r.number(root, at + ".queue", 2000, 0, 100_000),
            (int) r.number(root, at + ".retries", 2, 0, 5),
            (int) r.number(root, at + ".circuit-breaker.request-volume", 20, 1, 1000),
            r.fraction(root, at + ".circuit-breaker.failure-ratio", 0.5),
            r.number(root, at + ".circuit-breaker.delay-ms", 10_000, 100, 3_600_000));
    return new HttpToolSpec.Backend(
        r.optionalText(root, at + ".name").orElse(r.text(root, "name")),
        base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
        auth(r, root, at + ".auth"),
        policy);
  }

  private static HttpToolSpec.Auth auth(FileReader r, JsonNode root, String at) {
    String type = r.oneOf(root, at + ".type", "none", Set.of("none", "bearer", "basic", "api-key"));
    return switch (type) {
      case "bearer" -> new HttpToolSpec.Auth(type, null, null, r.secret(root, at + ".secret"));
      case "basic" ->
          new HttpToolSpec.Auth(
              type, null, r.text(root, at + ".username"), r.secret(root, at + ".secret"));
      case "api-key" ->
          new HttpToolSpec.Auth(
              type,
              r.optionalText(root, at + ".header").orElse("X-API-Key"),
              null,
              r.secret(root, at + ".secret"));
      default -> HttpToolSpec.Auth.NONE;
    };
  }

  private static HttpToolSpec.Ownership ownership(
      FileReader r, JsonNode root, JsonObjectSchema args) {
    if (FileReader.at(root, "ownership") == null) {
      return null;
    }
    String argument = r.text(root, "ownership.argument");
    if (!args.properties().containsKey(argument)) {
      throw r.error("ownership.argument", "names '" + argument + "', which is not an argument");
    }
    String noun = r.optionalText(root, "ownership.noun").orElse("record");
    var lookup = r.optionalText(root, "ownership.lookup.url");
    var responseField = r.optionalText(root, "ownership.response-field");
    if (lookup.isPresent() == responseField.isPresent()) {
      throw r.error("ownership", "must have exactly one of lookup.url or response-field");
    }
    if (lookup.isPresent()) {
      if (!lookup.get().contains("{" + argument + "}")) {
        throw r.error("ownership.lookup.url", "must contain {" + argument + "}");
      }
      return new HttpToolSpec.Ownership(
          argument, noun, lookup.get(), r.text(root, "ownership.lookup.field"), true);
    }
    return new HttpToolSpec.Ownership(argument, noun, null, responseField.get(), false);
  }
}
