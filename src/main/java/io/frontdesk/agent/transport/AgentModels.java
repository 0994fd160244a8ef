package io.frontdesk.agent.transport;

import dev.langchain4j.model.chat.StreamingChatModel;
import io.quarkiverse.langchain4j.ModelName;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The streaming model of each agent: the configured OpenAI-compatible model of its name ({@code
 * quarkus.langchain4j.openai.<name>}), sent once more when its connection fails before any byte
 * ({@link ReconnectingModel}). Agents name theirs with {@code streamingChatLanguageModelSupplier};
 * the injection points here are what makes quarkus-langchain4j create the named models.
 */
@ApplicationScoped
@Unremovable
public class AgentModels {

  private final Map<String, StreamingChatModel> models;

  AgentModels(
      @ModelName("support") StreamingChatModel support,
      @ModelName("triage") StreamingChatModel triage,
      @ModelName("billing") StreamingChatModel billing,
      @ModelName("technical") StreamingChatModel technical,
      @ModelName("general") StreamingChatModel general,
      @ModelName("workflow") StreamingChatModel workflow,
      @ConfigProperty(name = "frontdesk.model-client.connect-attempts", defaultValue = "2")
          int attempts) {
    models =
        Map.of(
            "support", new ReconnectingModel(support, attempts),
            "triage", new ReconnectingModel(triage, attempts),
            "billing", new ReconnectingModel(billing, attempts),
            "technical", new ReconnectingModel(technical, attempts),
            "general", new ReconnectingModel(general, attempts),
            "workflow", new ReconnectingModel(workflow, attempts));
  }

  StreamingChatModel model(String name) {
    StreamingChatModel model = models.get(name);
    if (model == null) {
      throw new IllegalArgumentException("no model named " + name);
    }
    return model;
  }

  private static StreamingChatModel of(String name) {
    return Arc.container().instance(AgentModels.class).get().model(name);
  }

  /** The support agent's model. */
  public static final class Support implements Supplier<StreamingChatModel> {
    @Override
    public StreamingChatModel get() {
      return of("support");
    }
  }

  /** The triage agent's model. */
  public static final class Triage implements Supplier<StreamingChatModel> {
    @Override
    public StreamingChatModel get() {
      return of("triage");
    }
  }

  /** The billing agent's model. */
  public static final class Billing implements Supplier<StreamingChatModel> {
    @Override
    public StreamingChatModel get() {
      return of("billing");
    }
  }

  /** The technical agent's model. */
  public static final class Technical implements Supplier<StreamingChatModel> {
    @Override
    public StreamingChatModel get() {
      return of("technical");
    }
  }

  /** The general agent's model. */
  public static final class General implements Supplier<StreamingChatModel> {
    @Override
    public StreamingChatModel get() {
      return of("general");
    }
  }

  /** The workflow steps' model. */
  public static final class Workflow implements Supplier<StreamingChatModel> {
    @Override
    public StreamingChatModel get() {
      return of("workflow");
    }
  }
}
