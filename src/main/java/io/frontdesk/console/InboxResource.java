package io.frontdesk.console;

import io.frontdesk.console.InboxRepository.Filter;
import io.frontdesk.console.InboxService.InboxItem;
import io.frontdesk.console.InboxService.InboxView;
import io.frontdesk.http.BadRequest;
import io.frontdesk.http.StrictJson;
import io.frontdesk.security.CurrentCaller;
import io.frontdesk.security.Roles;
import io.frontdesk.turn.EscalationReason;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agents' inbox: one list of conversations (a ticket is a state of its conversation) by status,
 * assignee, tier, escalation reason and words of the transcript, and an agent setting a
 * conversation's status, snooze, assignee or priority.
 */
@CustomDeserialization(StrictJson.class)
@Path("/api/v1/console/inbox")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "console")
@RolesAllowed(Roles.AGENT)
public class InboxResource {

  /** A status; {@code snoozedUntil} only (and always) with snoozed. */
  public record StatusChange(String status, OffsetDateTime snoozedUntil) {}

  /** Who the conversation is assigned to; null releases it. */
  public record Assignment(String agent) {}

  /** A priority (low, normal, high, urgent); null returns to the ticket's. */
  public record PriorityChange(String priority) {}

  /** A label: 1-30 lower-case letters, digits, - or _. */
  public record LabelChange(String label) {}

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,29}");

  private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9_.@:-]{1,100}");
  private static final List<String> TIERS = List.of("free", "pro", "enterprise");
  private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
  private static final List<String> REASONS =
      Arrays.stream(EscalationReason.values()).map(EscalationReason::code).toList();

  private final InboxService inbox;
  private final CurrentCaller caller;

  InboxResource(InboxService inbox, CurrentCaller caller) {
    this.inbox = inbox;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary =
          "The inbox: conversations in a status (open, pending, snoozed, resolved, all; default"
              + " open) and assignee bucket (me, unassigned, others, all), of a tier, escalated for a"
              + " reason, matching words of the transcript (q); most urgent SLA first; with counts"
              + " per status and per assignee bucket")
  public Uni<InboxView> view(
      @QueryParam("status") @DefaultValue("open") String status,
      @QueryParam("assignee") @DefaultValue("all") String assignee,
      @QueryParam("tier") String tier,
      @QueryParam("reason") String reason,
      @QueryParam("q") String q,
      @QueryParam("label") String label,
      @QueryParam("language") String language,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 500) {
      throw new BadRequest("limit must be 1..500");
    }
    String query = q == null || q.isBlank() ? null : q.strip();
    if (query != null && query.length() > 200) {
      throw new BadRequest("q is %d characters; the limit is 200".formatted(query.length()));
    }
    Filter filter =
        new Filter(
            all(status, "status", InboxService.STATUSES),
            all(assignee, "assignee", InboxService.BUCKETS),
            tier == null || tier.isBlank() ? null : oneOf(tier, "tier", TIERS),
            reason == null || reason.isBlank() ? null : oneOf(reason, "reason", REASONS),
            query,
            label == null || label.isBlank() ? null : label(label),
            language == null || language.isBlank() ? null : language(language));
    return inbox.view(caller.subject(), filter, limit);
  }

  @GET
  @Path("/labels")
  @Operation(summary = "The labels in use, each with how many conversations carry it")
  public Uni<java.util.Map<String, Long>> labels() {
    return inbox.labels();
  }

  @POST
  @Path("/{id}/labels")
  @Operation(summary = "Puts a label on the conversation (1-30 of a-z, 0-9, - and _)")
  public Uni<InboxItem> addLabel(@PathParam("id") UUID id, @Valid @NotNull LabelChange change) {
    return inbox.label(id, caller.subject(), label(change.label()), true);
  }

  @DELETE
  @Path("/{id}/labels/{label}")
  @Operation(summary = "Takes a label off the conversation")
  public Uni<InboxItem> removeLabel(@PathParam("id") UUID id, @PathParam("label") String label) {
    return inbox.label(id, caller.subject(), label(label), false);
  }

  private static String language(String language) {
    String l = language.strip().toLowerCase(java.util.Locale.ROOT);
    if (!LANGUAGE.matcher(l).matches()) {
      throw new BadRequest("language must be a two-letter ISO 639-1 code, e.g. fr");
    }
    return l;
  }

  private static String label(String label) {
    String l = label == null ? "" : label.strip().toLowerCase(java.util.Locale.ROOT);
    if (!LABEL.matcher(l).matches()) {
      throw new BadRequest(
          "label must be 1-30 characters of a-z, 0-9, - and _, starting with a letter or digit");
    }
    return l;
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One conversation as the inbox lists it")
  public Uni<InboxItem> get(@PathParam("id") UUID id) {
    return inbox.one(caller.subject(), id);
  }

  @POST
  @Path("/{id}/status")
  @Operation(
      summary =
          "Set the status: open, pending (waiting on the customer), snoozed (until snoozedUntil,"
              + " then open again) or resolved (its open ticket is resolved too); a customer's new"
              + " message ends it")
  public Uni<InboxItem> status(@PathParam("id") UUID id, @Valid @NotNull StatusChange change) {
    String status = oneOf(change.status(), "status", InboxService.STATUSES);
    OffsetDateTime until = change.snoozedUntil();
    if ("snoozed".equals(status)) {
      if (until == null || !until.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
        throw new BadRequest("snoozed needs snoozedUntil, a time in the future");
      }
      if (until.isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusDays(365))) {
        throw new BadRequest("snoozedUntil is more than a year away");
      }
    } else if (until != null) {
      throw new BadRequest("snoozedUntil goes only with status snoozed");
    }
    return inbox.setStatus(id, caller.subject(), status, until);
  }

  @POST
  @Path("/{id}/assignee")
  @Operation(
      summary = "Assign the conversation to an agent (yourself: take it); agent null releases it")
  public Uni<InboxItem> assign(@PathParam("id") UUID id, @Valid @NotNull Assignment assignment) {
    String agent = assignment.agent() == null ? null : assignment.agent().strip();
    if (agent != null && !AGENT.matcher(agent).matches()) {
      throw new BadRequest("agent must be 1..100 letters, digits or _.@:-");
    }
    return inbox.assign(id, caller.subject(), agent);
  }

  @POST
  @Path("/{id}/priority")
  @Operation(summary = "Set the priority (low, normal, high, urgent); null returns to the ticket's")
  public Uni<InboxItem> prioritise(
      @PathParam("id") UUID id, @Valid @NotNull PriorityChange change) {
    String priority =
        change.priority() == null ? null : oneOf(change.priority(), "priority", PRIORITIES);
    return inbox.prioritise(id, caller.subject(), priority);
  }

  /** The value, or null for "all". */
  private static String all(String value, String name, List<String> allowed) {
    return "all".equals(value) ? null : oneOf(value, name, allowed);
  }

  private static String oneOf(String value, String name, List<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      throw new BadRequest(name + " must be one of " + allowed);
    }
    return value;
  }
}
