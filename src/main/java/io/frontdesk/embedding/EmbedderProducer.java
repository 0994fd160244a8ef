package io.frontdesk.embedding;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Chooses the embedder by configuration; the in-process model is loaded only when it is used. */
@ApplicationScoped
class EmbedderProducer {

  private static final Logger LOG = Logger.getLogger(EmbedderProducer.class);

  @Produces
  @ApplicationScoped
  Embedder embedder(EmbeddingConfig config, Instance<AllMiniLmL6V2QuantizedEmbeddingModel> local) {
    Embedder chosen =
        switch (config.provider()) {
          case IN_PROCESS -> new InProcessEmbedder(local.get());
          case REMOTE -> new RemoteEmbedder(config.remote());
        };
    LOG.infof("Embedding model: %s", chosen.modelId());
    return new CachingEmbedder(chosen, config.cacheSize());
  }
}
