package io.frontdesk.language;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Which languages Frontdesk tells apart in customers' messages, and how sure it must be. */
@ConfigMapping(prefix = "frontdesk.language")
public interface LanguageConfig {

  /**
   * The languages told apart (ISO 639-1). Latin-script ones each load n-gram models (about 26 MB
   * each in high accuracy); a language with a script of its own (ru, zh, ja, ko, ar, el, he, th) is
   * recognised by its script and costs nothing.
   */
  @WithDefault("en,fr,de,es,pt,it,ru,zh,ja,ko,ar,el,he,th")
  List<String> detected();

  /**
   * High accuracy reads a message's 1- to 5-grams (right on short messages, more memory); false
   * reads trigrams only (about 13 MB in all, but short English messages are misread more often).
   */
  @WithDefault("true")
  boolean highAccuracy();

  /** A message of fewer words (letters only; ids and numbers do not count) never switches. */
  @WithDefault("3")
  int switchWords();

  /**
   * A message switches the conversation's language only when the runner-up language scores at most
   * this much of the best (Lingua's relative confidence: 1.0 = a tie).
   */
  @WithDefault("0.95")
  double switchMargin();

  /**
   * How long a message waits for its reading at most (Lingua runs on the common fork-join pool);
   * past it the conversation keeps its language.
   */
  @WithDefault("1s")
  Duration detectWait();

  /** Load the models at startup, off the request path, so the first message does not wait. */
  @WithDefault("true")
  boolean preload();
}
