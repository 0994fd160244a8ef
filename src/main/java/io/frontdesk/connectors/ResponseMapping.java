package io.frontdesk.connectors;

import io.frontdesk.toolgate.GateCall;
import io.frontdesk.toolgate.ToolRefused;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/**
 * What the model sees of a backend's answer: the fields the connector file lists (all when it lists
 * none), capped in size; a 4xx becomes a refusal the model can tell the customer about, and a
 * response whose owner field names another customer is refused like a missing record.
 */
final class ResponseMapping {

  private ResponseMapping() {}

  static String answer(HttpToolSpec spec, GateCall call, HttpResponse<String> response) {
    HttpToolSpec.Ownership ownership = spec.ownership();
    Object id = ownership == null ? null : call.arguments().get(ownership.argument());
    if (response.statusCode() == 404) {
      throw id == null
          ? new ToolRefused(spec.name() + " found nothing for these arguments")
          : ToolRefused.notYours(ownership.noun(), String.valueOf(id));
    }
    if (response.statusCode() / 100 != 2) {
      throw new ToolRefused(
          "%s was refused by the %s system (HTTP %d); do not retry it"
              .formatted(spec.name(), spec.backend().name(), response.statusCode()));
    }
    String body = response.body() == null ? "" : response.body().strip();
    if (ownership != null
        && !ownership.lookup()
        && id != null
        && !call.caller().customerId().equals(field(body, ownership.field()))) {
      throw ToolRefused.notYours(ownership.noun(), String.valueOf(id));
    }
    return cap(select(body, spec), spec.response().maxChars());
  }

  /** A (dotted) field of a JSON object body as text, or null. */
  static String field(String body, String path) {
    Object value = value(object(body), path);
    return value == null ? null : String.valueOf(value);
  }

  private static Object value(JsonObject object, String path) {
    Object value = object;
    for (String part : path.split("\\.")) {
      value = value instanceof JsonObject o ? o.getValue(part) : null;
    }
    return value;
  }

  private static String select(String body, HttpToolSpec spec) {
    if (spec.response().fields().isEmpty()) {
      return body;
    }
    JsonObject object = object(body);
    if (object == null) {
      throw new IllegalStateException("backend " + spec.backend().name() + " did not answer JSON");
    }
    JsonObject seen = new JsonObject();
    for (String path : spec.response().fields()) {
      Object value = value(object, path);
      if (value != null) {
        seen.put(path, value);
      }
    }
    return seen.encode();
  }

  private static JsonObject object(String body) {
    try {
      return Json.decodeValue(body) instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      return null;
    }
  }

  private static String cap(String text, int max) {
    return text.length() <= max
        ? text
        : text.substring(0, max) + " …(cut at " + max + " characters)";
  }
}
