package io.frontdesk.testing;

import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A page test with two headless browsers, a customer's and a human agent's, on the shared test
 * application and its scripted model (reset before each test).
 */
public abstract class CustomerAndAgentBrowsers {

  @TestHTTPResource("/")
  protected URL root;

  @Inject protected Pool pool;

  protected final ScriptedModelServer model = ModelServerTestResource.server();
  protected Browser customer;
  protected Browser agent;

  @BeforeEach
  void openBrowsers() {
    model.reset();
    customer = Browser.open();
    agent = Browser.open();
  }

  @AfterEach
  void closeBrowsers() {
    customer.close();
    agent.close();
  }
}
