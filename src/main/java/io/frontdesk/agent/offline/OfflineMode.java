package io.frontdesk.agent.offline;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Whether turns are answered by the offline model instead of the configured LLM endpoint. */
@ApplicationScoped
public class OfflineMode {

  /** The API key placeholder application.yaml uses when OPENAI_API_KEY is unset. */
  public static final String NO_KEY = "not-configured";

  static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  private static final Logger LOG = Logger.getLogger(OfflineMode.class);

  private final boolean active;

  OfflineMode(
      OfflineConfig config,
      @ConfigProperty(name = "quarkus.langchain4j.openai.api-key") Optional<String> apiKey,
      @ConfigProperty(name = "quarkus.langchain4j.openai.base-url") Optional<String> baseUrl) {
    this.active = decide(config.mode(), apiKey.orElse(null), baseUrl.orElse(null));
    if (active) {
      LOG.info(
          "No model endpoint configured: answering with the offline model (router + tools);"
              + " set OPENAI_API_KEY (and OPENAI_BASE_URL) to use an LLM");
    }
  }

  /**
   * auto: offline when there is no key for the default OpenAI endpoint (which needs one); a custom
   * endpoint (Ollama, vLLM) without a key is still called.
   */
  static boolean decide(OfflineConfig.Mode mode, String apiKey, String baseUrl) {
    return switch (mode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> {
        boolean noKey = apiKey == null || apiKey.isBlank() || apiKey.equals(NO_KEY);
        boolean defaultUrl =
            baseUrl == null
                || baseUrl.isBlank()
                || baseUrl.replaceAll("/+$", "").equals(DEFAULT_BASE_URL);
        yield noKey && defaultUrl;
      }
    };
  }

  public boolean active() {
    return active;
  }
}
