package io.frontdesk.technical;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.GateCall;
import io.frontdesk.toolgate.GatedTools;
import io.frontdesk.toolgate.Owned;
import io.frontdesk.toolgate.OwnedResource;
import io.frontdesk.toolgate.RiskLevel;
import io.frontdesk.toolgate.ToolCalls;
import io.frontdesk.toolgate.ToolRisk;
import io.frontdesk.turn.RunningTurn;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The customer's services as the model sees them: thin adapters over {@link TechnicalService}. The
 * customer is the gate's caller, never an argument. Parameter names are snake_case because the
 * model sees them.
 */
@ApplicationScoped
@GatedTools
public class TechnicalTools {

  private final TechnicalService services;
  private final ToolCalls calls;
  private final ReactiveBridge bridge;

  TechnicalTools(TechnicalService services, ToolCalls calls, ReactiveBridge bridge) {
    this.services = services;
    this.calls = calls;
    this.bridge = bridge;
  }

  @Tool(
      name = "list_services",
      value =
          "List the customer's deployed services with id, name, type, region and status; use it"
              + " to find the id of the service the customer means.")
  @ToolRisk(RiskLevel.READ_ONLY)
  public ServiceList listServices(@ToolMemoryId RunningTurn turn) {
    String customerId = calls.caller().customerId();
    return bridge.await(() -> services.services(customerId));
  }

  @Tool(
      name = "get_service_logs",
      value =
          "Read a service's log lines at or after a point in time, oldest first; at most the 50"
              + " newest lines are returned (truncated says when older ones were left out).")
  @ToolRisk(RiskLevel.READ_ONLY)
  public ServiceLogs getServiceLogs(
      @P("the service id, e.g. svc_0012") @Owned(OwnedResource.SERVICE) String service_id,
      @P(
              value =
                  "optional: an ISO-8601 time such as 2026-10-31T12:00:00Z, or a duration back"
                      + " from the service's newest log line: 30m, 1h, 24h, 7d (default 24h)",
              required = false)
          String since,
      @ToolMemoryId RunningTurn turn) {
    String customerId = calls.caller().customerId();
    return bridge.await(() -> services.logs(customerId, service_id, since));
  }

  @Tool(
      name = "run_diagnostics",
      value =
          "Diagnose one of the customer's services from its metrics and logs: status, memory,"
              + " restarts, health checks, TLS certificate and recent errors, each ok, warn or"
              + " fail, with an overall verdict and the recommended action.")
  @ToolRisk(RiskLevel.READ_ONLY)
  public Diagnostics runDiagnostics(
      @P("the service id, e.g. svc_0012") @Owned(OwnedResource.SERVICE) String service_id,
      @ToolMemoryId RunningTurn turn) {
    String customerId = calls.caller().customerId();
    return bridge.await(() -> services.diagnose(customerId, service_id));
  }

  @Tool(
      name = "restart_service",
      value =
          "Restart one of the customer's services (not one its owner stopped). It clears failed"
              + " health checks but does not fix the cause: run diagnostics first. Repeating the"
              + " call in this conversation restarts only once.")
  @ToolRisk(RiskLevel.DATA_MODIFICATION)
  public RestartResult restartService(
      @P("the service id, e.g. svc_0012") @Owned(OwnedResource.SERVICE) String service_id,
      @ToolMemoryId RunningTurn turn) {
    GateCall call = calls.current();
    return calls.effect(
        BackendGuards.TECHNICAL,
        tx -> services.restart(tx, call.caller().customerId(), call.idempotencyKey(), service_id),
        RestartResult.class);
  }
}
