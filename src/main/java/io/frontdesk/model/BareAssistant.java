package io.frontdesk.model;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bare quarkus-langchain4j path the benchmark sets Frontdesk beside (issue 28): an AI service
 * with one tool-less, memory-less, blocking call on the default chat model, nothing of Frontdesk's
 * own around it. Reached only through {@link BarePathResource}, off unless configured. One
 * instance, as Frontdesk's agents (the default request scope would build and destroy it per call).
 */
@ApplicationScoped
@RegisterAiService(
    chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
public interface BareAssistant {

  @SystemMessage("You are a helpful customer-support assistant. Answer briefly.")
  String answer(@UserMessage String message);
}
