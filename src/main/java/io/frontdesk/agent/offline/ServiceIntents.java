package io.frontdesk.agent.offline;

import static io.frontdesk.agent.offline.OfflineReplies.answered;

import io.frontdesk.agent.HandoffTools;
import io.frontdesk.technical.Diagnostics;
import io.frontdesk.technical.RestartResult;
import io.frontdesk.technical.ServiceList;
import io.frontdesk.technical.ServiceSummary;
import io.frontdesk.technical.TechnicalTools;
import io.frontdesk.toolgate.ToolRefused;
import io.frontdesk.turn.Route;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The offline model's answers about the customer's services: status, diagnostics, logs, restarts
 * and incidents. A message that names no service is about the one the conversation was on ("restart
 * it").
 */
final class ServiceIntents {

  private final TechnicalTools technical;

  ServiceIntents(TechnicalTools technical) {
    this.technical = technical;
  }

  /**
   * A restart of the service the message names (id, else name), else of the one the conversation is
   * about; the gate checks it is the customer's and its policy decides whether a person approves
   * first. Without either, the customer is asked which.
   */
  String restart(ToolSession s, String message, Subject subject) {
    Matcher id = MessageFacts.SERVICE_ID.matcher(message);
    String serviceId;
    if (id.find()) {
      serviceId = id.group();
    } else {
      Optional<List<ServiceSummary>> list = listServices(s);
      if (list.isEmpty()) {
        return OfflineReplies.escalate("Services could not be looked up", message);
      }
      Optional<String> target =
          MessageFacts.named(list.get(), message)
              .map(ServiceSummary::serviceId)
              .or(() -> Optional.ofNullable(subject.serviceId()));
      if (target.isEmpty()) {
        return OfflineReplies.whichService(list.get());
      }
      serviceId = target.get();
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
   * The service the message names (id or name), else the one the conversation is about when the
   * message points back at it, else one that is not running, else all. A report that something is
   * broken (a case routed to a workflow, not a status question) that names no service while all of
   * them run goes to a person: "all your services are running" would answer a question the customer
   * did not ask, from a guess at what they meant.
   */
  String services(ToolSession s, Route route, String message, Subject subject) {
    Optional<List<ServiceSummary>> list = listServices(s);
    if (list.isEmpty()) {
      return OfflineReplies.escalate("Services could not be looked up", message);
    }
    List<ServiceSummary> services = list.get();
    Optional<ServiceSummary> target = MessageFacts.named(services, message);
    if (target.isEmpty() && subject.hasService() && MessageFacts.refersBack(message)) {
      target = services.stream().filter(x -> x.serviceId().equals(subject.serviceId())).findFirst();
    }
    if (target.isEmpty()) {
      target = services.stream().filter(x -> !"running".equals(x.status())).findFirst();
    }
    if (target.isEmpty() && route.route().startsWith(HandoffTools.WORKFLOW)) {
      return OfflineReplies.escalate(OfflineReplies.faultNotFound(services), message);
    }
    if (target.isEmpty()) {
      return OfflineReplies.servicesRunning(services);
    }
    return diagnose(s, target.get().serviceId(), message);
  }

  /**
   * A message the router could not place that names one of the customer's services (or points back
   * at the one discussed): that service's diagnostics, or the repeat of the last service action on
   * it for a correction ("sorry, I meant reports-web"). Empty when it names none.
   */
  Optional<String> aboutAService(ToolSession s, String message, Subject subject) {
    Optional<List<ServiceSummary>> list = listServices(s);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    Optional<ServiceSummary> named = MessageFacts.named(list.get(), message);
    if (named.isEmpty()) {
      return Optional.empty();
    }
    String id = named.get().serviceId();
    if ("restart_service".equals(subject.serviceTool()) && MessageFacts.corrects(message)) {
      return Optional.of(restart(s, id, Subject.NONE));
    }
    if ("get_service_logs".equals(subject.serviceTool()) && MessageFacts.corrects(message)) {
      return Optional.of(logs(s, id, message));
    }
    return Optional.of(diagnose(s, id, message));
  }

  /** The newest log lines of the service the message names, else of the one discussed. */
  Optional<String> logs(ToolSession s, String message, Subject subject) {
    Matcher id = MessageFacts.SERVICE_ID.matcher(message);
    Optional<String> target =
        id.find() ? Optional.of(id.group()) : Optional.ofNullable(subject.serviceId());
    if (target.isEmpty()) {
      Optional<List<ServiceSummary>> list = listServices(s);
      target =
          list.flatMap(services -> MessageFacts.named(services, message))
              .map(ServiceSummary::serviceId);
    }
    return target.map(service -> logs(s, service, message));
  }

  private String logs(ToolSession s, String serviceId, String message) {
    Map<String, Object> arguments = new HashMap<>();
    arguments.put("service_id", serviceId);
    return answered(
        s.call(
            "get_service_logs",
            arguments,
            () -> technical.getServiceLogs(serviceId, null, s.turn())),
        ServiceReplies::logs,
        "The logs could not be read",
        message);
  }

  /**
   * Whether there is an incident: the services the message is about (its words: "the API" = the api
   * services), else all; yes with the first affected one's diagnostics, else no, by name.
   */
  String incident(ToolSession s, String message) {
    Optional<List<ServiceSummary>> list = listServices(s);
    if (list.isEmpty()) {
      return OfflineReplies.escalate("Services could not be looked up", message);
    }
    List<ServiceSummary> concerned = MessageFacts.concerned(list.get(), message);
    // the worst first: down or stopped before degraded
    Optional<ServiceSummary> affected =
        concerned.stream()
            .filter(x -> !"running".equals(x.status()))
            .min(java.util.Comparator.comparing(x -> "degraded".equals(x.status())));
    if (affected.isEmpty()) {
      return ServiceReplies.noIncident(concerned);
    }
    String id = affected.get().serviceId();
    return answered(
        s.call(
            "run_diagnostics",
            Map.of("service_id", id),
            () -> technical.runDiagnostics(id, s.turn())),
        d -> ServiceReplies.incident(concerned, d),
        "Diagnostics could not run",
        message);
  }

  private String diagnose(ToolSession s, String id, String message) {
    boolean yesNo = MessageFacts.yesNoQuestion(message);
    return answered(
        s.call(
            "run_diagnostics",
            Map.of("service_id", id),
            () -> technical.runDiagnostics(id, s.turn())),
        (Diagnostics d) -> ServiceReplies.diagnosis(d, yesNo ? message : null, message),
        "Diagnostics could not run",
        message);
  }

  /** The customer's services through the gate (empty when the call failed or was refused). */
  private Optional<List<ServiceSummary>> listServices(ToolSession s) {
    return s.call("list_services", Map.of(), () -> technical.listServices(s.turn()))
        .map(ServiceList::services);
  }
}
