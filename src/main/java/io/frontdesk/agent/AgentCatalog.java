package io.frontdesk.agent;

import io.frontdesk.agent.offline.OfflineAgent;
import io.frontdesk.agent.offline.OfflineMode;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents of the desk, discovered from every AI service annotated with {@link AgentRole}: adding
 * a specialist is one interface (plus its model configuration). Handoff tools are generated from
 * this catalog.
 */
@ApplicationScoped
public class AgentCatalog {

  /** One registered agent. */
  public record Entry(
      String name, String handles, Topology topology, boolean router, DeskAgent agent) {}

  private final Map<String, Entry> agents = new LinkedHashMap<>();
  private final AgentConfig config;
  private final OfflineMode offline;
  private final Instance<OfflineAgent> offlineAgent;

  AgentCatalog(
      @Any Instance<DeskAgent> discovered,
      AgentConfig config,
      OfflineMode offline,
      Instance<OfflineAgent> offlineAgent) {
    this.config = config;
    this.offline = offline;
    this.offlineAgent = offlineAgent;
    for (DeskAgent agent : discovered) {
      AgentRole role = role(agent);
      agents.put(
          role.name(),
          new Entry(role.name(), role.handles(), role.topology(), role.router(), agent));
    }
  }

  public Entry require(String name) {
    Entry entry = agents.get(name);
    if (entry == null) {
      throw new IllegalArgumentException("no agent named " + name);
    }
    return entry;
  }

  /**
   * Who answers as this agent: the agent itself, or, without a model endpoint, the offline agent in
   * its name (which routes nothing on: the router already did).
   */
  public Entry answering(String name) {
    Entry entry = require(name);
    return offline.active() ? offline(name) : entry;
  }

  /**
   * The offline agent in this agent's name: when no endpoint is configured or it is unavailable.
   */
  public Entry offline(String name) {
    Entry entry = require(name);
    return new Entry(entry.name(), entry.handles(), entry.topology(), false, offlineAgent.get());
  }

  /** Whether this entry calls a model endpoint (the offline agent calls none). */
  public static boolean callsModel(Entry entry) {
    return !(entry.agent() instanceof OfflineAgent);
  }

  /** Agents of the configured topology, in discovery order. */
  public List<Entry> active() {
    return agents.values().stream().filter(e -> e.topology() == config.topology()).toList();
  }

  /** Where a new conversation starts: the router in multi, the one agent in single. */
  public String entry() {
    List<Entry> active = active();
    return active.stream()
        .filter(Entry::router)
        .findFirst()
        .or(() -> active.stream().findFirst())
        .orElseThrow(() -> new IllegalStateException("no agent for " + config.topology()))
        .name();
  }

  /** The agent that takes what a router cannot place. */
  public String fallback() {
    return active().stream()
        .filter(e -> !e.router() && e.name().equals("general"))
        .findFirst()
        .map(Entry::name)
        .orElse(entry());
  }

  /** A stored active agent if it still belongs to this topology, else the entry agent. */
  public String resume(String stored) {
    Entry entry = agents.get(stored);
    return entry != null && entry.topology() == config.topology() ? stored : entry();
  }

  private static AgentRole role(DeskAgent agent) {
    Object bean = ClientProxy.unwrap(agent);
    for (Class<?> type : bean.getClass().getInterfaces()) {
      AgentRole role = type.getAnnotation(AgentRole.class);
      if (role != null) {
        return role;
      }
    }
    throw new IllegalStateException(bean.getClass() + " is a DeskAgent without @AgentRole");
  }
}
