package io.frontdesk.model;

import io.frontdesk.http.NotFound;
import io.frontdesk.http.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Benchmark only: one call through the bare framework path ({@link BareAssistant}), so {@code
 * bin/benchmark} measures the framework's own CPU per model call in the same run, on the same stub,
 * as Frontdesk's turns. Answers 404 unless {@code frontdesk.benchmark.bare-path=true}.
 */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/benchmark/bare")
@Tag(name = "benchmark")
@PermitAll
public class BarePathResource {

  /** The message to send, as the customer would write it. */
  public record BareRequest(String message) {}

  /** The model's answer, as the framework returned it. */
  public record BareAnswer(String answer) {}

  private final BareAssistant assistant;
  private final boolean enabled;

  BarePathResource(
      BareAssistant assistant,
      @ConfigProperty(name = "frontdesk.benchmark.bare-path", defaultValue = "false")
          boolean enabled) {
    this.assistant = assistant;
    this.enabled = enabled;
  }

  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Benchmark only (off by default): one bare quarkus-langchain4j model call")
  public BareAnswer call(BareRequest request) {
    if (!enabled) {
      throw new NotFound(
          "endpoint", "/api/v1/benchmark/bare (frontdesk.benchmark.bare-path is off)");
    }
    return new BareAnswer(assistant.answer(request == null ? "" : request.message()));
  }
}
