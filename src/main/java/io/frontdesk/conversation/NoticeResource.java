package io.frontdesk.conversation;

import io.frontdesk.language.Notices;
import io.frontdesk.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The chat page's notice headings in the customer's language, from the one notice table. */
@Path("/api/v1/notices")
@Tag(name = "conversations")
@RolesAllowed(Roles.CUSTOMER)
public class NoticeResource {

  @GET
  @Path("/{language}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Headings of the chat's notices (ticket, approval, wait, refusal) in a language"
              + " (ISO 639-1; English for one without notices)")
  public Map<String, String> headings(@PathParam("language") String language) {
    return Notices.headings(language);
  }
}
