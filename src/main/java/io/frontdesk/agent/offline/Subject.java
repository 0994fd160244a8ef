package io.frontdesk.agent.offline;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the conversation is about so far, read from its memory: the service the desk last acted on
 * or looked at ("it" in "restart it"), the service tool it last used on one (a correction repeats
 * it on another), and the desk's last answer (a question it asked is continued by the reply).
 *
 * @param serviceId the service of the newest service call, or null
 * @param serviceTool that call's tool (run_diagnostics, get_service_logs, restart_service), or null
 * @param lastAnswer the desk's last answer text, or null
 */
record Subject(String serviceId, String serviceTool, String lastAnswer) {

  static final Subject NONE = new Subject(null, null, null);

  /** The subject of the turns before this one (the current message is not in {@code history}). */
  static Subject of(List<ChatMessage> history) {
    String service = null;
    String tool = null;
    String answer = null;
    for (int i = history.size() - 1; i >= 0 && (service == null || answer == null); i--) {
      if (!(history.get(i) instanceof AiMessage ai)) {
        continue;
      }
      if (answer == null && ai.text() != null && !ai.hasToolExecutionRequests()) {
        answer = ai.text();
      }
      if (service == null && ai.hasToolExecutionRequests()) {
        for (ToolExecutionRequest r : ai.toolExecutionRequests().reversed()) {
          String id = serviceOf(r);
          if (id != null) {
            service = id;
            tool = r.name();
            break;
          }
        }
      }
    }
    return new Subject(service, tool, answer);
  }

  private static String serviceOf(ToolExecutionRequest r) {
    try {
      return new JsonObject(r.arguments()).getString("service_id");
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  boolean hasService() {
    return serviceId != null;
  }
}
