package io.frontdesk.model;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;

/**
 * Notes the {@code Retry-After} of a throttled or failing model response (429, 5xx), which the
 * exception langchain4j raises does not carry, so the retry waits as long as the endpoint asked.
 */
@Provider
public class RetryAfterFilter implements ClientResponseFilter {

  private final ModelEndpoints endpoints;

  RetryAfterFilter(ModelEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public void filter(ClientRequestContext request, ClientResponseContext response) {
    int status = response.getStatus();
    if (status != 429 && status < 500) {
      return;
    }
    Duration wait = ProviderFailure.retryAfter(response.getHeaderString("Retry-After"));
    if (wait != null) {
      endpoints.retryAfter(request.getUri().toString(), wait);
    }
  }
}
