package io.frontdesk.startup;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Brackets the start-up work: the first startup observer logs the framework's boot (configuration,
 * CDI, Hibernate, Flyway, routes), the last one the end of all start-up work; the HTTP socket, and
 * with it readiness, opens right after.
 */
@ApplicationScoped
class StartupTimeline {

  private long startupWork;

  void first(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    long starting = StartupPhases.quarkusStartingNanos();
    if (starting != 0) {
      StartupPhases.done("Quarkus boot", starting);
    }
    startupWork = System.nanoTime();
  }

  void last(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
    StartupPhases.done("startup work (all phases)", startupWork);
  }
}
