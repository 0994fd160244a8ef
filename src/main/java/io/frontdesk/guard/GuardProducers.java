package io.frontdesk.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One shared instance of each detector (immutable, so no proxy is needed); each loads its rules or
 * model once.
 */
@ApplicationScoped
public class GuardProducers {

  @Produces
  @Singleton
  InjectionDetector injectionDetector() {
    return new InjectionDetector();
  }

  @Produces
  @Singleton
  ToxicityDetector toxicityDetector() {
    return new ToxicityDetector();
  }

  @Produces
  @Singleton
  EmbeddingHeads embeddingHeads() {
    return EmbeddingHeads.shipped();
  }

  @Produces
  @Singleton
  PiiRedactor piiRedactor() {
    return new PiiRedactor();
  }

  @Produces
  @Singleton
  PromptLeakDetector promptLeakDetector() {
    return new PromptLeakDetector();
  }

  @Produces
  @Singleton
  ToolOutputGuard toolOutputGuard() {
    return new ToolOutputGuard();
  }
}
