package io.frontdesk.toolgate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Human-in-the-loop approvals (seed 001): which calls need a person, and for how long they wait.
 */
@ConfigMapping(prefix = "frontdesk.approvals")
public interface ApprovalConfig {

  /**
   * Policies matched against the tool name by glob, first match wins; a call no policy matches
   * needs a human.
   */
  List<Policy> policies();

  /** How long a pending approval waits for a reviewer before it is rejected and a ticket opens. */
  @WithDefault("5m")
  Duration expireAfter();

  /** How often approvals past their expiry are swept up (rejected, a ticket opens). */
  @WithDefault("15s")
  Duration sweepEvery();

  /**
   * How often a decided approval whose follow-up no live replica carries (its replica crashed, or
   * the conversation was busy) is picked up and carried through.
   */
  @WithDefault("2s")
  Duration resumeEvery();

  /** Notify reviewers of new approvals (PostgreSQL NOTIFY frontdesk_approvals, webhook). */
  @WithDefault("true")
  boolean notifyReviewers();

  /** Optional URL that receives each new approval request as JSON (POST, retried 3 times). */
  Optional<String> webhookUrl();

  /** One approval policy. */
  interface Policy {

    String name();

    /** Tool name glob, e.g. {@code lookup_*}. */
    String tool();

    /** Calls below this confidence need a human. */
    @WithDefault("0.0")
    double minConfidence();

    /** Calls riskier than this need a human: read_only, data_modification, irreversible. */
    @WithDefault("read_only")
    String maxRisk();

    /** Every matching call needs a human, whatever its confidence and risk. */
    @WithDefault("false")
    boolean requireExplicit();
  }
}
