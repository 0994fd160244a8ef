package io.frontdesk.agent;

import io.quarkiverse.langchain4j.ChatMemoryRemover;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Drops a finished turn's memories from every AI service. The services are application-scoped (one
 * instance, built once, instead of one per request with its tool specifications), so each would
 * otherwise keep a memory per conversation for ever; the turn's memory itself lives in the turn.
 */
@ApplicationScoped
public class AgentMemories {

  private static final Logger LOG = Logger.getLogger(AgentMemories.class);

  private final List<Object> services = new ArrayList<>();

  AgentMemories(@Any Instance<DeskAgent> agents, WorkflowStepAgent workflow) {
    agents.forEach(services::add);
    services.add(workflow);
  }

  /**
   * Forgets these memory ids in every AI service (an id a service never saw is a no-op). Never
   * throws: it runs as a turn ends, before the turn gives its slot back.
   */
  public void forget(List<Object> memoryIds) {
    for (Object service : services) {
      try {
        ChatMemoryRemover.remove(service, memoryIds);
      } catch (RuntimeException e) {
        LOG.debugf("Memories %s not dropped from %s: %s", memoryIds, service, e);
      }
    }
  }
}
