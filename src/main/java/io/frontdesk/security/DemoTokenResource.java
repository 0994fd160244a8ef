package io.frontdesk.security;

import io.frontdesk.http.BadRequest;
import io.frontdesk.http.NotFound;
import io.frontdesk.http.StrictJson;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Demo sign-in: mints a token for any customer, agent or admin. It exists only in demo mode (no key
 * configured, Frontdesk signs with its own generated key); otherwise it answers 404.
 */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/demo/tokens")
@Tag(name = "demo")
@PermitAll
public class DemoTokenResource {

  /** Who the demo token is for. */
  public record TokenRequest(
      @NotBlank @Size(max = 100) String subject,
      @NotNull
          @Pattern(regexp = "customer|agent|admin", message = "must be customer, agent or admin")
          String role) {}

  private final TokenMinter minter;
  private final CustomerDirectory customers;

  DemoTokenResource(TokenMinter minter, CustomerDirectory customers) {
    this.minter = minter;
    this.customers = customers;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Demo mode only: a signed token for a customer (cus_0006), agent or admin")
  public Uni<TokenMinter.Minted> mint(@Valid @NotNull TokenRequest request) {
    if (!minter.available()) {
      throw new NotFound("endpoint", "/api/v1/demo/tokens (demo mode is off)");
    }
    String subject = request.subject().strip();
    Uni<Void> check =
        request.role().equals(Roles.CUSTOMER)
            ? customers
                .exists(subject)
                .invoke(
                    exists -> {
                      if (!exists) {
                        throw new BadRequest("no customer " + subject + " (try cus_0006)");
                      }
                    })
                .replaceWithVoid()
            : Uni.createFrom().voidItem();
    return check.map(v -> minter.mint(subject, request.role()).orElseThrow());
  }
}
