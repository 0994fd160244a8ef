package io.frontdesk.console;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;

/** The inbox's service levels: how soon a human answers and resolves an escalated conversation. */
@ConfigMapping(prefix = "frontdesk.inbox")
public interface InboxConfig {

  /** First-response targets, per customer tier (free, pro, enterprise) then per priority. */
  Map<String, Map<String, Duration>> firstResponse();

  /** Resolution targets, per customer tier (free, pro, enterprise) then per priority. */
  Map<String, Map<String, Duration>> resolution();
}
