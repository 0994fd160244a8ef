package io.frontdesk.guard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The guard pipeline: which guards run, how sure each must be, and what each does. */
@ConfigMapping(prefix = "frontdesk.guards")
public interface GuardConfig {

  /** Master switch; false lets every text through unchecked. */
  @WithDefault("true")
  boolean enabled();

  /** What the customer is told when an input guard blocks their message. */
  @WithDefault(
      "Sorry, I can't help with that message. Please rephrase your question about your Skyline"
          + " account or services, and I'll be glad to help.")
  String refusal();

  /** Blocked messages in one conversation after which it is escalated to a human. */
  @WithDefault("3")
  int escalateAfterBlocks();

  /** Prompt injection and jailbreaks in customer messages. */
  Injection injection();

  /** Toxic or abusive customer messages. */
  Toxicity toxicity();

  /** Oversized customer messages. */
  Size size();

  /** Personal data and secrets in answers to customers. */
  Pii pii();

  /** Answers that reproduce the system prompt. */
  PromptLeak promptLeak();

  /** Instructions hidden in tool results, articles and documentation. */
  ToolOutput toolOutput();

  /** Prompt injection and jailbreaks in customer messages. */
  interface Injection {
    /** Run this guard. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Also run the model-backed head over the message's embedding (its threshold is calibrated when
     * trained, {@code bin/train-guards}); either it or the rules may block.
     */
    @WithDefault("true")
    boolean model();

    /** Score (0..1) at or above which the guard triggers. */
    @WithDefault("0.5")
    double threshold();

    /** block: refuse the message; flag (or redact, same here): only record it. */
    @WithDefault("block")
    GuardAction action();
  }

  /** Toxic or abusive customer messages. */
  interface Toxicity {
    /** Run this guard. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Also run the model-backed head over the message's embedding (its threshold is calibrated when
     * trained, {@code bin/train-guards}); either it or the rules may block.
     */
    @WithDefault("true")
    boolean model();

    /** Toxicity score (0..1, model and abuse patterns) at or above which the guard triggers. */
    @WithDefault("0.5")
    double threshold();

    /**
     * Word-model score from which the words alone block. Below it, a message that no abuse pattern
     * flagged blocks only when the embedding head also scores it at {@link #headConfirms()} or more
     * (the word model learnt from tweets; its words mislead on other text).
     */
    @WithDefault("0.9")
    double wordsAlone();

    /**
     * Head score at which the head confirms a word-model-only verdict (see {@link #wordsAlone}):
     * the head must lean toxic itself (0.2 confirmed "trash", "colored" or "damn" in civil tweets).
     * Chosen on Davidson fold 1 with a word model trained on folds 2-4 (issue 27): 0.9 instead of
     * 0.7 took the civil tweets flagged there from 5.2 % to 3.6 % for F1 0.969 to 0.967 (the head
     * learnt from tweets too, and confirmed "weed brownies" or "a colored man" at 0.7-0.9).
     */
    @WithDefault("0.9")
    double headConfirms();

    /**
     * Head score from which the embedding head flags a message on its own, with no cue of the
     * rules. The head learnt from tweets, where "trash", "bird" or "ghetto" mostly come with abuse;
     * below this score it flags only with a rule cue (its assisted stage). Chosen on Davidson fold
     * 1 (issue 27): 0.95 keeps recall there and halves the civil tweets flagged.
     */
    @WithDefault("0.95")
    double headAlone();

    /**
     * Head score from which the head's assisted verdict (a rule cue, such as the word model's
     * score, lowered its bar) stands; the trained file's lower assisted threshold applies below it.
     * Tweets taught the head that "trash" or a sports rivalry is abuse, and any faint word cue let
     * it flag them. Chosen on Davidson fold 1 with a word model trained on folds 2-4, so that the
     * word cues are as wrong there as on new text (issue 27).
     */
    @WithDefault("0.8")
    double headAssisted();

    /**
     * Toxic language aimed at people (insults, threats, hate, harassment): block refuses it calmly
     * and counts towards escalation to a person; flag only records it.
     */
    @WithDefault("block")
    GuardAction action();

    /**
     * Toxic language aimed at the situation or no one ("this is f***ing broken"): care lets the
     * turn go on and asks it to acknowledge the frustration and offer a person; block refuses it
     * too; flag only records it.
     */
    @WithDefault("care")
    GuardAction care();

    /**
     * Also flag frustrated customers without toxic language ("this is ridiculous, third time I
     * write"), at the same threshold, with the care action.
     */
    @WithDefault("true")
    boolean frustration();
  }

  /** Oversized customer messages. */
  interface Size {
    /** Run this guard. */
    @WithDefault("true")
    boolean enabled();

    /** Longest customer message accepted, in characters. */
    @WithDefault("4000")
    int maxChars();

    /** block: refuse the message; redact: cut it to max-chars; flag: only record it. */
    @WithDefault("block")
    GuardAction action();
  }

  /** Personal data and secrets in answers to customers. */
  interface Pii {
    /** Run this guard. */
    @WithDefault("true")
    boolean enabled();

    /** Confidence (0..1) at or above which a finding is acted on. */
    @WithDefault("0.5")
    double threshold();

    /** redact: replace values with placeholders like [EMAIL]; block: withhold the answer. */
    @WithDefault("redact")
    GuardAction action();

    /**
     * The company's own contact e-mail addresses and phone numbers: never redacted (the customer's
     * own e-mail is never redacted in answers to them either).
     */
    @WithDefault("support@skyline.example,security@skyline.example")
    java.util.List<String> companyContacts();
  }

  /** Answers that reproduce the system prompt. */
  interface PromptLeak {
    /** Run this guard. */
    @WithDefault("true")
    boolean enabled();

    /** Score at or above which the guard triggers; 0.75 is a 12-word verbatim run. */
    @WithDefault("0.75")
    double threshold();

    /** block: withhold the answer; redact: cut the leaked runs out; flag: only record it. */
    @WithDefault("block")
    GuardAction action();
  }

  /** Instructions hidden in tool results, articles and documentation. */
  interface ToolOutput {
    /** Run this guard. */
    @WithDefault("true")
    boolean enabled();

    /** Sentence score (0..1) at or above which the sentence is treated as injected. */
    @WithDefault("0.5")
    double threshold();

    /** redact: replace the sentences with a marker; block: withhold the whole result. */
    @WithDefault("redact")
    GuardAction action();
  }
}
