package io.frontdesk.approval;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A reviewer's decision on one approval. */
public record ApprovalDecision(
    @NotNull @Pattern(regexp = "approve|reject", message = "must be approve or reject")
        String decision,
    @Size(max = 2000) String feedback) {

  boolean approve() {
    return decision.equals("approve");
  }
}
