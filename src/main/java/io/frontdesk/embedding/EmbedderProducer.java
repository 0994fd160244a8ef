package io.frontdesk.embedding;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Chooses the embedder by configuration; the in-process model is loaded only when it is used. */
@ApplicationScoped
class EmbedderProducer {

  private static final Logger LOG = Logger.getLogger(EmbedderProducer.class);

  @Produces
  @ApplicationScoped
  Embedder embedder(EmbeddingConfig config, MeterRegistry metrics) {
    Embedder chosen =
        switch (config.provider()) {
          case IN_PROCESS ->
              InProcessEmbedder.load(
                  config.threads(), config.messageHeadTokens(), config.messageTailTokens());
          case REMOTE -> {
            InProcessEmbedder.dropPreloaded();
            yield new RemoteEmbedder(config.remote());
          }
        };
    LOG.infof("Embedding model: %s", chosen.modelId());
    return new CachingEmbedder(chosen, config.cacheSize(), metrics);
  }
}
