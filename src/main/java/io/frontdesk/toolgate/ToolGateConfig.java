package io.frontdesk.toolgate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What each tier may do through the tools, and how far one turn may go. */
@ConfigMapping(prefix = "frontdesk.toolgate")
public interface ToolGateConfig {

  /** Tool calls one turn may make, whatever they are. */
  @WithDefault("20")
  int maxCallsPerTurn();

  /** Identical calls (same tool, same arguments) one turn may make; the next one is refused. */
  @WithDefault("2")
  int maxIdenticalCalls();

  /** Per tier (free, pro, enterprise): the tools it may use and limits on their arguments. */
  Map<String, Tier> tiers();

  /** One tier's permissions. */
  interface Tier {

    /** Tool name globs this tier may call ({@code *} for all). */
    List<String> tools();

    /**
     * Caps on numeric arguments, as {@code <tool>.<argument>: <max>} (e.g. process_refund.amount:
     * 100, in the order's currency); a call above its cap needs a human's approval.
     */
    Map<String, BigDecimal> limits();
  }
}
