package io.frontdesk.turn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Everything that happens in a turn, in order, on one stream; channels only encode it. The JSON
 * carries a {@code type} field with the snake_case name below (documented in the README).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TurnEvent.TurnStarted.class, name = "turn_started"),
  @JsonSubTypes.Type(value = TurnEvent.Text.class, name = "text"),
  @JsonSubTypes.Type(value = TurnEvent.AnswerWithdrawn.class, name = "answer_withdrawn"),
  @JsonSubTypes.Type(value = TurnEvent.ToolCall.class, name = "tool_call"),
  @JsonSubTypes.Type(value = TurnEvent.ToolResult.class, name = "tool_result"),
  @JsonSubTypes.Type(value = TurnEvent.HandoffEvent.class, name = "handoff"),
  @JsonSubTypes.Type(value = TurnEvent.WorkflowStep.class, name = "workflow_step"),
  @JsonSubTypes.Type(value = TurnEvent.Guard.class, name = "guard"),
  @JsonSubTypes.Type(value = TurnEvent.Escalated.class, name = "escalated"),
  @JsonSubTypes.Type(value = TurnEvent.ApprovalRequired.class, name = "approval_required"),
  @JsonSubTypes.Type(value = TurnEvent.ApprovalDecided.class, name = "approval_decided"),
  @JsonSubTypes.Type(value = TurnEvent.Done.class, name = "done"),
  @JsonSubTypes.Type(value = TurnEvent.Error.class, name = "error")
})
@JsonInclude(JsonInclude.Include.ALWAYS)
public sealed interface TurnEvent {

  /**
   * The turn began: which conversation (new or continued), which agent answers, and the customer's
   * language (ISO 639-1) the turn's notices are in (null where no customer turn runs).
   */
  record TurnStarted(UUID conversationId, UUID turnId, String agent, String language)
      implements TurnEvent {

    public TurnStarted(UUID conversationId, UUID turnId, String agent) {
      this(conversationId, turnId, agent, null);
    }
  }

  /** A piece of the agent's answer, as the model streams it. */
  record Text(String delta) implements TurnEvent {}

  /**
   * The answer being streamed broke off (its model stream ended early or failed, or the turn ran
   * out of time): the last {@code characters} characters of text sent (the deltas of that answer)
   * are taken back. They are never stored nor part of done; what answers instead follows.
   */
  record AnswerWithdrawn(int characters) implements TurnEvent {}

  /** The agent called a tool (arguments as the model wrote them, JSON text). */
  record ToolCall(String id, String tool, String arguments) implements TurnEvent {}

  /** A tool's answer to the model. */
  record ToolResult(String id, String tool, boolean success, String result) implements TurnEvent {}

  /** Another agent takes over the conversation, in the same turn, with the whole context. */
  record HandoffEvent(String from, String to, String reason) implements TurnEvent {}

  /** One step of a sequential workflow finished; its output is the next step's input. */
  record WorkflowStep(String workflow, String step, int index, String output)
      implements TurnEvent {}

  /**
   * A guard triggered: on the customer's message (input), on the answer (output) or on what a tool
   * returned (tool). {@code action} is block, redact or flag.
   */
  record Guard(String stage, String guard, String action, double score, boolean blocked)
      implements TurnEvent {}

  /** The conversation went to a human: the ticket and what the customer is told. */
  record Escalated(String ticketId, String reason, String summary, String message)
      implements TurnEvent {}

  /**
   * A tool call needs a human's approval: it is stored as {@code approvalId}; {@code message} is
   * what the customer is told; the decision (or expiry at {@code expiresAt}) comes later, on the
   * conversation's feed.
   */
  record ApprovalRequired(UUID approvalId, String tool, String message, OffsetDateTime expiresAt)
      implements TurnEvent {}

  /** A reviewer (or the clock) decided an approval: approved, rejected or expired. */
  record ApprovalDecided(UUID approvalId, String decision, String reviewer, String feedback)
      implements TurnEvent {}

  /** The last event of every turn: the seed's SupportResponse plus the conversation id. */
  record Done(
      UUID conversationId,
      String response,
      boolean resolved,
      boolean escalated,
      String ticketId,
      double confidence)
      implements TurnEvent {}

  /** Something went wrong that the customer should know about (the turn still ends with done). */
  record Error(String code, String message) implements TurnEvent {}
}
