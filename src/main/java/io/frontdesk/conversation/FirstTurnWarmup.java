package io.frontdesk.conversation;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Builds at start what the first turn would otherwise build on an event loop: the tokenizer's
 * tables (o200k, 200,000 merges; seconds on a busy machine, and the event loop blocked meanwhile).
 * The first answer after ready then costs what every other answer costs.
 */
@ApplicationScoped
class FirstTurnWarmup {

  void onStart(@Observes StartupEvent start) {
    Tokens.count("warm-up");
  }
}
