package io.frontdesk.connectors;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One declarative HTTP tool, as its connector file declares it, validated. */
record HttpToolSpec(
    String file,
    String name,
    String description,
    Set<String> agents,
    RiskLevel risk,
    JsonObjectSchema arguments,
    Backend backend,
    Request request,
    Ownership ownership,
    Response response) {

  /** The system called, its credentials and its fault tolerance (one breaker per backend name). */
  record Backend(String name, String baseUrl, Auth auth, BackendGuards.Policy policy) {}

  /** How the backend is authenticated: none, bearer, basic or api-key (values already resolved). */
  record Auth(String type, String header, String user, String secret) {

    static final Auth NONE = new Auth("none", null, null, null);
  }

  /**
   * The call: method, URL template ({@code {argument}} placeholders), fixed headers, and where the
   * caller's customer id goes (query, path, header or body; the model never sees or writes it).
   */
  record Request(
      String method,
      String url,
      Map<String, String> headers,
      String customerIn,
      String customerName) {

    boolean hasBody() {
      return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
  }

  /**
   * How an argument naming the customer's thing is checked: a look-up (GET {@code lookupUrl}, whose
   * {@code field} must equal the caller) before the call, or a field of the call's own response.
   */
  record Ownership(String argument, String noun, String lookupUrl, String field, boolean lookup) {}

  /** Which fields of the response the model sees (all when empty), and at most how much text. */
  record Response(List<String> fields, int maxChars) {}

  boolean offeredTo(String agent) {
    return agents.isEmpty() || agents.contains(agent);
  }
}
