package io.frontdesk.connectors;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A connector's answer as the gate keeps it: a JSON object (what the idempotency record, the audit
 * log and the model read), text that is not one wrapped as {@code {"result": text}}.
 */
final class ConnectorResults {

  private ConnectorResults() {}

  /** The answer's fields (a class of its own, so a stored one reads back as one). */
  public static final class Answer extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    public Answer() {}
  }

  static Answer of(String text) {
    Answer answer = new Answer();
    try {
      if (Json.decodeValue(text) instanceof JsonObject object) {
        answer.putAll(object.getMap());
        return answer;
      }
    } catch (DecodeException e) {
      // not JSON: the text itself is the answer
    }
    answer.put("result", text);
    return answer;
  }

  /**
   * A remote side effect inside {@code ToolCalls.effect}, whose guard retries the whole
   * transaction: once the remote call answered, a retry (the database part failed) reuses its
   * answer instead of acting again. Where the outcome is unknown (a timeout), the retry sends the
   * same Idempotency-Key, for the operator's system to recognise.
   */
  static Supplier<Uni<Answer>> once(Supplier<Uni<Answer>> remote) {
    AtomicReference<Answer> made = new AtomicReference<>();
    return () ->
        made.get() != null ? Uni.createFrom().item(made.get()) : remote.get().invoke(made::set);
  }
}
