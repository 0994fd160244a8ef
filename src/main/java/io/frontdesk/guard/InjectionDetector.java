package io.frontdesk.guard;

/**
 * Direct prompt injection and jailbreaks in a customer message: overriding instructions, persona
 * jailbreaks, system-prompt extraction, answer-encoding evasion and fake system markup, scored by
 * the weighted patterns in {@code guard/injection-rules.txt} (shared with the tool-output guard)
 * and {@code guard/injection-input-rules.txt} (customer messages only: hijacking, extraction of
 * what precedes the message, role-play framing, obfuscated payloads). Thread-safe; no I/O after
 * construction.
 */
public final class InjectionDetector {

  public static final String GUARD = "injection";
  static final String RULES = "guard/injection-rules.txt";
  static final String INPUT_RULES = "guard/injection-input-rules.txt";

  private final PhraseRules rules;
  private final Typos typos;

  public InjectionDetector() {
    this(PhraseRules.load(RULES, INPUT_RULES));
  }

  InjectionDetector(PhraseRules rules) {
    this.rules = rules;
    this.typos = new Typos(rules.words(), rules.prefixes());
  }

  /**
   * Score 0..1 that the message tries to take over the assistant, with the matched patterns; a
   * misspelt rule word reads as the word it misspells ({@link Typos}: "ignroe all previuos
   * instructions").
   */
  public Detection scan(String message) {
    return rules.scan(message, Tokens.of(message).read(typos::correct), GUARD);
  }
}
