package io.frontdesk.conversation;

import io.frontdesk.agent.AgentCatalog;
import io.frontdesk.knowledge.Collection;
import io.frontdesk.knowledge.KnowledgeService;
import io.frontdesk.model.transport.WarmupCall;
import io.frontdesk.security.Roles;
import io.frontdesk.security.TokenVerifier;
import io.frontdesk.startup.StartupPhases;
import io.frontdesk.turn.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InjectableBean;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs at start, before readiness, what the first turn would otherwise load and compile on its way:
 * the tokenizer's tables (seconds, and on an event loop), every application bean, a knowledge
 * search in each collection (the dense index's load, the full-text query), a token verification,
 * and one call through each active agent, answered by {@link WarmupCall} without the network.
 * Nothing is written: the searches read, the token is refused, each agent's memory lives in a turn
 * of its own that is never stored. A failed warm-up step is logged and costs only the first turn's
 * time.
 */
@ApplicationScoped
class FirstTurnWarmup {

  private static final Logger LOG = Logger.getLogger(FirstTurnWarmup.class);
  private static final Duration WAIT = Duration.ofSeconds(30);
  // no customer's likely question: the embedder caches texts, so warming with one would answer
  // that question's embedding from the cache and flatter the first answer that asks it
  private static final String WARM_UP_QUERY = "start-up warm-up search";

  private final KnowledgeService knowledge;
  private final AgentCatalog agents;
  private final TurnRegistry turns;
  private final TokenVerifier tokens;
  private final BeanManager beans;

  FirstTurnWarmup(
      KnowledgeService knowledge,
      AgentCatalog agents,
      TurnRegistry turns,
      TokenVerifier tokens,
      BeanManager beans) {
    this.beans = beans;
    this.knowledge = knowledge;
    this.agents = agents;
    this.turns = turns;
    this.tokens = tokens;
  }

  // after the knowledge index is up to date (APPLICATION + 600)
  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 700) StartupEvent start) {
    Tokens.awaitReady();
    long began = System.nanoTime();
    step("application beans", this::createBeans);
    step("knowledge search", this::search);
    step("token verification", this::verifyToken);
    step("agents", this::callAgents);
    StartupPhases.done("first-turn warm-up", began);
  }

  /**
   * Creates every application-scoped bean of Frontdesk's own now rather than on first use (the tool
   * catalogue reading every tool's schema, the guards loading their rules and heads, …): the first
   * turn met most of them for the first time.
   */
  private void createBeans() {
    for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
      if (bean instanceof InjectableBean<?> injectable
          && (bean.getScope() == ApplicationScoped.class || bean.getScope() == Singleton.class)
          && bean.getBeanClass().getName().startsWith("io.frontdesk.")) {
        Object instance = Arc.container().instance(injectable).get();
        if (instance instanceof ClientProxy proxy) {
          proxy.arc_contextualInstance();
        }
      }
    }
  }

  private void search() {
    for (Collection collection : Collection.values()) {
      knowledge.search(collection, WARM_UP_QUERY, 3).await().atMost(WAIT);
    }
  }

  private void verifyToken() {
    try {
      tokens.verify("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3YXJtLXVwIn0.c2lnbmF0dXJl");
    } catch (TokenVerifier.InvalidToken expected) {
      // refused, as it must be: what mattered is the verifier's path
    }
  }

  /**
   * Each agent answers in a turn of its own that exists only here (registered, never stored: a
   * conversation id no row has, a caller no customer is), so its memory is the turn's and goes with
   * it.
   */
  private void callAgents() {
    for (AgentCatalog.Entry entry : agents.active()) {
      if (!AgentCatalog.callsModel(entry)) {
        continue;
      }
      TurnContext turn =
          new TurnContext(
              UUID.randomUUID(),
              UUID.randomUUID(),
              new Caller("warm-up", "free", Set.of(Roles.CUSTOMER)),
              entry.name(),
              1,
              List.of());
      turns.start(turn);
      try {
        entry.agent().chat(turn, WarmupCall.MESSAGE).collect().asList().await().atMost(WAIT);
      } finally {
        turns.finish(turn);
      }
    }
  }

  private static void step(String name, Runnable work) {
    long began = System.nanoTime();
    try {
      work.run();
      StartupPhases.done("warm-up " + name, began);
    } catch (RuntimeException e) {
      LOG.warnf("Start-up warm-up step %s failed (%s): the first turn pays for it", name, e);
    }
  }
}
