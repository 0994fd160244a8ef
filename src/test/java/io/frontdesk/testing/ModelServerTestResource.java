package io.frontdesk.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the scripted OpenAI-compatible server and points the real OpenAI client at it. */
public class ModelServerTestResource implements QuarkusTestResourceLifecycleManager {

  private static volatile ScriptedModelServer server;

  /** The running server, for tests to script and inspect. */
  public static ScriptedModelServer server() {
    if (server == null) {
      throw new IllegalStateException("the scripted model server is not running");
    }
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = ScriptedModelServer.start();
    return Map.of(
        "quarkus.langchain4j.openai.base-url",
        server.baseUrl(),
        "quarkus.langchain4j.openai.api-key",
        "test-key");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
