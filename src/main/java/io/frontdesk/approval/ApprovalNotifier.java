package io.frontdesk.approval;

import io.frontdesk.database.Notifications;
import io.frontdesk.http.Webhook;
import io.frontdesk.toolgate.ApprovalConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells reviewers an approval waits: {@code NOTIFY} {@value #CHANNEL} with the approval's id
 * (delivered on commit to every replica; the console reads the row), and, when configured, a
 * webhook POST of the approval (see {@link Webhook}).
 */
@ApplicationScoped
class ApprovalNotifier {

  static final String CHANNEL = "frontdesk_approvals";

  private final ApprovalConfig config;
  private final Webhook webhook;

  ApprovalNotifier(ApprovalConfig config, Webhook webhook) {
    this.config = config;
    this.webhook = webhook;
  }

  Uni<Void> notifyInTransaction(SqlClient db, java.util.UUID approvalId) {
    if (!config.notifyReviewers()) {
      return Uni.createFrom().voidItem();
    }
    return Notifications.send(db, CHANNEL, approvalId.toString());
  }

  /** After commit; a failure is logged and never reaches the customer. */
  void postWebhook(Approval approval) {
    if (config.notifyReviewers() && config.webhookUrl().isPresent()) {
      String body =
          new JsonObject()
              .put("type", "approval_requested")
              .put("approval", new JsonObject(Json.encode(approval)))
              .encode();
      webhook.post(config.webhookUrl().get(), body, "approval " + approval.id());
    }
  }
}
