package io.frontdesk.conversation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Conversation memory: what the prompt gets, and how long transcripts are kept. */
@ConfigMapping(prefix = "frontdesk.memory")
public interface MemoryConfig {

  /** Token budget of the memory window sent to the model (earlier turns + this message). */
  @WithDefault("2000")
  int maxTokens();

  /** Transcripts untouched for longer than this many days are purged. */
  @WithDefault("30")
  int retentionDays();

  /**
   * The console's live feed ({@code console_event}: tickets opened, approvals, messages relayed to
   * a human agent, with their text) is kept this many days, never longer than the transcripts: a
   * console resumes from the recent feed and loads everything else from the API.
   */
  @WithDefault("7")
  int consoleFeedRetentionDays();

  /** How often the retention job runs (a Quarkus scheduler interval). */
  @WithDefault("1h")
  String purgeEvery();

  /** How long after start the retention job first runs (a Quarkus scheduler delay). */
  @WithDefault("1m")
  String purgeDelay();

  /** Longest customer message accepted, in characters. */
  @WithDefault("8000")
  int maxMessageChars();
}
