package io.frontdesk.model.transport;

import dev.langchain4j.model.chat.StreamingChatModel;
import io.quarkiverse.langchain4j.ModelName;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The streaming model of each agent: the configured OpenAI-compatible model of its name ({@code
 * quarkus.langchain4j.openai.<name>}), sent once more when its connection fails before any byte
 * ({@link ReconnectingModel}). Agents name theirs with {@code streamingChatLanguageModelSupplier};
 * the injection points here are what makes quarkus-langchain4j create the named models, and {@link
 * AgentModelDefaults} gives each of {@link #NAMES} the default model configuration.
 */
@ApplicationScoped
@Unremovable
public class AgentModels {

  /** The named models, in the order of the constructor's parameters. */
  public static final List<String> NAMES =
      List.of("support", "triage", "billing", "technical", "general", "workflow");

  private final Map<String, StreamingChatModel> models = new LinkedHashMap<>();

  AgentModels(
      @ModelName("support") StreamingChatModel support,
      @ModelName("triage") StreamingChatModel triage,
      @ModelName("billing") StreamingChatModel billing,
      @ModelName("technical") StreamingChatModel technical,
      @ModelName("general") StreamingChatModel general,
      @ModelName("workflow") StreamingChatModel workflow,
      @ConfigProperty(name = "frontdesk.model-client.connect-attempts", defaultValue = "2")
          int attempts) {
    List<StreamingChatModel> named =
        List.of(support, triage, billing, technical, general, workflow);
    for (int i = 0; i < NAMES.size(); i++) {
      models.put(NAMES.get(i), new ReconnectingModel(named.get(i), attempts));
    }
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
