package io.frontdesk.agent.offline;

import static io.frontdesk.agent.offline.OfflineReplies.answered;

import io.frontdesk.agent.HandoffTools;
import io.frontdesk.technical.RestartResult;
import io.frontdesk.technical.ServiceList;
import io.frontdesk.technical.ServiceSummary;
import io.frontdesk.technical.TechnicalTools;
import io.frontdesk.toolgate.ToolRefused;
import io.frontdesk.turn.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** The offline model's answers about the customer's services: status, diagnostics, restarts. */
final class ServiceIntents {

  private final TechnicalTools technical;

  ServiceIntents(TechnicalTools technical) {
    this.technical = technical;
  }

  /**
   * A restart of the service the message names (id, else name); the gate checks it is the
   * customer's and its policy decides whether a person approves first. Without one, the customer is
   * asked which.
   */
  String restart(ToolSession s, String message) {
    Matcher id = MessageFacts.SERVICE_ID.matcher(message);
    String serviceId;
    if (id.find()) {
      serviceId = id.group();
    } else {
      Optional<List<ServiceSummary>> list = listServices(s);
      if (list.isEmpty()) {
        return OfflineReplies.escalate("Services could not be looked up", message);
      }
      List<ServiceSummary> services = list.get();
      Optional<ServiceSummary> target = MessageFacts.named(services, message);
      if (target.isEmpty()) {
        return OfflineReplies.whichService(services);
      }
      serviceId = target.get().serviceId();
    }
    String target = serviceId;
    Optional<RestartResult> restart =
        s.call(
            "restart_service",
            Map.of("service_id", target),
            () -> technical.restartService(target, s.turn()));
    if (restart.isEmpty() && ToolRefused.isNotYours(s.refusal())) {
      return OfflineReplies.notYours("service " + target, "restart");
    }
    return answered(restart, OfflineReplies::restarted, s.refused("The restart"), message);
  }

  /**
   * The service the message names (id or name), else one that is not running, else all. A report
   * that something is broken (a case routed to a workflow, not a status question) that names no
   * service while all of them run goes to a person: "all your services are running" would answer a
   * question the customer did not ask, from a guess at what they meant.
   */
  String services(ToolSession s, Route route, String message) {
    Optional<List<ServiceSummary>> list = listServices(s);
    if (list.isEmpty()) {
      return OfflineReplies.escalate("Services could not be looked up", message);
    }
    List<ServiceSummary> services = list.get();
    Optional<ServiceSummary> target = MessageFacts.named(services, message);
    if (target.isEmpty()) {
      target = services.stream().filter(x -> !"running".equals(x.status())).findFirst();
    }
    if (target.isEmpty() && route.route().startsWith(HandoffTools.WORKFLOW)) {
      return OfflineReplies.escalate(OfflineReplies.faultNotFound(services), message);
    }
    if (target.isEmpty()) {
      return OfflineReplies.servicesRunning(services);
    }
    String id = target.get().serviceId();
    return answered(
        s.call(
            "run_diagnostics",
            Map.of("service_id", id),
            () -> technical.runDiagnostics(id, s.turn())),
        OfflineReplies::diagnosis,
        "Diagnostics could not run",
        message);
  }

  /** The customer's services through the gate (empty when the call failed or was refused). */
  private Optional<List<ServiceSummary>> listServices(ToolSession s) {
    return s.call("list_services", Map.of(), () -> technical.listServices(s.turn()))
        .map(ServiceList::services);
  }
}
