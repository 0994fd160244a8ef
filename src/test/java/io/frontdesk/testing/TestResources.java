package io.frontdesk.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the shared test resources once for every {@code @QuarkusTest}. */
@QuarkusTestResource(TestKeys.Resource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ModelServerTestResource.class)
@QuarkusTestResource(WebhookReceiver.class)
public final class TestResources {

  private TestResources() {}
}
