package io.frontdesk.conversation;

import io.frontdesk.http.BadRequest;
import io.frontdesk.http.Conflict;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer rates a resolved conversation (CSAT): 1 to 5 and an optional comment. */
@Path("/api/v1/conversations/{id}/rating")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "conversations")
@RolesAllowed(Roles.CUSTOMER)
public class RatingResource {

  static final int MAX_COMMENT = 1000;

  /** A rating: {@code score} 1 (very unhappy) to 5 (very happy); {@code comment} optional. */
  public record Rating(Integer score, String comment) {}

  private final ConversationService conversations;
  private final RatingRepository ratings;
  private final CurrentCaller caller;

  RatingResource(
      ConversationService conversations, RatingRepository ratings, CurrentCaller caller) {
    this.conversations = conversations;
    this.ratings = ratings;
    this.caller = caller;
  }

  @POST
  @Operation(
      summary =
          "Rate one of the customer's resolved conversations, 1-5 with an optional comment (a"
              + " second rating replaces the first); 409 while something is still open")
  public Uni<Rating> rate(@PathParam("id") UUID id, Rating rating) {
    if (rating == null || rating.score() == null || rating.score() < 1 || rating.score() > 5) {
      throw new BadRequest("score must be a whole number from 1 to 5");
    }
    String comment = rating.comment() == null ? null : rating.comment().strip();
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new BadRequest("comment must be at most " + MAX_COMMENT + " characters");
    }
    String stored = comment == null || comment.isEmpty() ? null : comment;
    return conversations
        .owned(id, caller.customerId())
        .chain(conv -> ratings.rate(id, caller.customerId(), rating.score(), stored))
        .map(
            rated -> {
              if (!rated) {
                throw new Conflict(
                    "This conversation is still open; it can be rated once it is resolved.");
              }
              return new Rating(rating.score(), stored);
            });
  }
}
