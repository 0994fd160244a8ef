package io.frontdesk.model.transport;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

/**
 * Tunes the REST client that quarkus-langchain4j builds for the OpenAI-compatible endpoint (it
 * builds it programmatically, so {@code quarkus.rest-client.*} does not reach it): the connection
 * pool sized by {@code frontdesk.model-client.pool-size}, keep-alive with an idle timeout shorter
 * than providers' own, HTTP/2 over TLS where the endpoint offers it (ALPN), and the {@link
 * StreamEndGuard} that keeps a finished stream's connection in the pool. Loaded by {@link
 * java.util.ServiceLoader} when the client is built.
 */
public class ModelClientTuning implements RestClientListener {

  static final String OPENAI_API = "io.quarkiverse.langchain4j.openai.common.OpenAiRestApi";

  @Override
  public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
    if (!OPENAI_API.equals(serviceInterface.getName())) {
      return;
    }
    Config config = ConfigProvider.getConfig();
    int poolSize =
        config.getOptionalValue("frontdesk.model-client.pool-size", Integer.class).orElse(2000);
    int keepAliveSeconds =
        config
            .getOptionalValue("frontdesk.model-client.keep-alive-seconds", Integer.class)
            .orElse(30);
    boolean http2 =
        config.getOptionalValue("frontdesk.model-client.http2", Boolean.class).orElse(true);
    builder.property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, poolSize);
    builder.property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, true);
    builder.property(QuarkusRestClientProperties.CONNECTION_TTL, keepAliveSeconds);
    if (http2 && isTls(config)) {
      // ALPN picks h2 where the endpoint has it and HTTP/1.1 elsewhere; cleartext h2c upgrades are
      // not attempted (most OpenAI-compatible servers on http:// speak HTTP/1.1 only)
      builder.property(QuarkusRestClientProperties.HTTP2, true);
    }
    builder.register(new StreamEndGuard());
  }

  // every agent's model follows the default endpoint unless configured otherwise (application.yaml)
  private static boolean isTls(Config config) {
    String base =
        config.getOptionalValue("quarkus.langchain4j.openai.base-url", String.class).orElse("");
    return base.regionMatches(true, 0, "https:", 0, "https:".length());
  }
}
