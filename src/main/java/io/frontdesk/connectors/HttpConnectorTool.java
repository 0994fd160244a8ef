package io.frontdesk.connectors;

import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.ExternalTool;
import io.frontdesk.toolgate.GateCall;
import io.frontdesk.toolgate.ToolCalls;
import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A declarative HTTP tool behind the gate: the ownership look-up in step 1, then the call under its
 * backend's guard (a side effect once per idempotency key, in {@link ToolCalls#effect}), and the
 * response mapped to what the model may see. A 4xx is an answer (never retried, never opens the
 * breaker); a 5xx, a timeout or a refused connection is the backend failing.
 */
final class HttpConnectorTool implements ExternalTool {

  private static final TypeLiteral<Uni<HttpResponse<String>>> RESPONSE = new TypeLiteral<>() {};

  private final HttpToolSpec spec;
  private final Guard guard;
  private final HttpClient client;
  private final ToolCalls calls;
  private final ReactiveBridge bridge;

  HttpConnectorTool(
      HttpToolSpec spec, Guard guard, HttpClient client, ToolCalls calls, ReactiveBridge bridge) {
    this.spec = spec;
    this.guard = guard;
    this.client = client;
    this.calls = calls;
    this.bridge = bridge;
  }

  @Override
  public String description() {
    return spec.description();
  }

  @Override
  public boolean offeredTo(String agent) {
    return spec.offeredTo(agent);
  }

  @Override
  public void authorize(GateCall call) {
    HttpToolSpec.Ownership ownership = spec.ownership();
    Object value = ownership == null ? null : call.arguments().get(ownership.argument());
    if (ownership == null || !ownership.lookup() || value == null) {
      return;
    }
    String id = String.valueOf(value).strip();
    HttpResponse<String> owner = bridge.await(() -> guarded(HttpExchange.lookup(spec, id)));
    if (owner.statusCode() / 100 != 2
        || !call.caller()
            .customerId()
            .equals(ResponseMapping.field(owner.body(), ownership.field()))) {
      throw ToolRefused.notYours(ownership.noun(), id);
    }
  }

  @Override
  public Object run(GateCall call) {
    String customer = call.caller().customerId();
    if (!call.tool().sideEffect()) {
      HttpResponse<String> response =
          bridge.await(() -> guarded(HttpExchange.request(spec, call.arguments(), customer, null)));
      return ConnectorResults.of(ResponseMapping.answer(spec, call, response));
    }
    HttpRequest request =
        HttpExchange.request(spec, call.arguments(), customer, call.idempotencyKey());
    var remote =
        ConnectorResults.once(
            () ->
                send(request)
                    .map(
                        response ->
                            ConnectorResults.of(ResponseMapping.answer(spec, call, response))));
    return calls.effect(guard, conn -> remote.get(), ConnectorResults.Answer.class);
  }

  private Uni<HttpResponse<String>> guarded(HttpRequest request) {
    return guard.get(() -> send(request), RESPONSE);
  }

  /** Sent afresh for every subscription (every retry); a 5xx fails like a lost connection. */
  private Uni<HttpResponse<String>> send(HttpRequest request) {
    return Uni.createFrom()
        .completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
        .map(
            response -> {
              if (response.statusCode() >= 500) {
                throw new IllegalStateException(
                    "backend %s answered HTTP %d"
                        .formatted(spec.backend().name(), response.statusCode()));
              }
              return response;
            });
  }
}
