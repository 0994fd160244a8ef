package io.frontdesk.agent.routing;

import io.frontdesk.agent.AgentCatalog;
import io.frontdesk.agent.HandoffTools;
import io.frontdesk.agent.WorkflowConfig;
import io.frontdesk.agent.offline.OfflineMode;
import io.frontdesk.turn.Route;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Decides what a turn does with the router's verdict (DESIGN §1): a person when the customer asks
 * for one, the router's own reply to smalltalk, router-first triage (straight to the specialist
 * when the router is sure), otherwise the active agent as without a router.
 */
@ApplicationScoped
public class RoutePlanner {

  private static final Logger LOG = Logger.getLogger(RoutePlanner.class);
  private static final Set<String> OWN = Set.of(Route.SMALLTALK, Route.HUMAN, Route.OUT_OF_SCOPE);

  private final AgentCatalog catalog;
  private final WorkflowConfig workflows;
  private final MeterRegistry registry;
  private final OfflineMode offline;

  RoutePlanner(
      AgentCatalog catalog, WorkflowConfig workflows, MeterRegistry registry, OfflineMode offline) {
    this.catalog = catalog;
    this.workflows = workflows;
    this.registry = registry;
    this.offline = offline;
  }

  /**
   * Offline (no model answers), the router also switches between specialists, as nobody else would.
   *
   * @param activeAgent the agent that would take the message
   */
  public RouteDecision decide(Route route, String activeAgent) {
    RouteDecision decision = plan(route, activeAgent, offline.active());
    registry
        .counter(
            "frontdesk.router.decisions",
            "route",
            route.route(),
            "decision",
            decision.getClass().getSimpleName().toLowerCase())
        .increment();
    return decision;
  }

  private RouteDecision plan(Route route, String activeAgent, boolean offline) {
    if (!route.sure()) {
      return new RouteDecision.Agent();
    }
    return switch (route.route()) {
      case Route.HUMAN -> new RouteDecision.Human();
      case Route.SMALLTALK ->
          new RouteDecision.Reply(Smalltalk.reply(route.action()), route.confidence());
      case Route.OUT_OF_SCOPE -> new RouteDecision.Agent();
      default -> {
        String target = target(route.route());
        boolean fromRouter = catalog.require(activeAgent).router();
        // a workflow's steps are model calls: offline, the offline agent answers the case itself
        boolean runnable = target != null && !(offline && target.startsWith(HandoffTools.WORKFLOW));
        yield runnable && !target.equals(activeAgent) && (fromRouter || offline)
            ? new RouteDecision.HandOff(target, route.confidence())
            : new RouteDecision.Agent();
      }
    };
  }

  /** The agent of this topology, or the configured workflow, a route names; null if none. */
  String target(String route) {
    if (route.startsWith(HandoffTools.WORKFLOW)) {
      String name = route.substring(HandoffTools.WORKFLOW.length());
      return workflows.cases().containsKey(name) && hasRouterAgent() ? route : null;
    }
    return catalog.active().stream()
        .filter(e -> e.name().equals(route) && !e.router())
        .findFirst()
        .map(AgentCatalog.Entry::name)
        .orElse(null);
  }

  // workflows are reached through the multi topology's handoffs only
  private boolean hasRouterAgent() {
    return catalog.active().stream().anyMatch(AgentCatalog.Entry::router);
  }
}
