package io.frontdesk.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * The toxicity part of the input guards: whether a message is toxic (flagged), and if so whether it
 * is aimed at people (refused: insults, threats, hate, harassment) or at the situation or no one
 * (answered with care: profanity, venting); and, when it is not toxic, whether the customer is
 * frustrated (answered with care too). Pure.
 */
final class ToxicityStage {

  /** The name of the frustration verdict (a customer upset without toxic language). */
  static final String FRUSTRATION = "frustration";

  private ToxicityStage() {}

  /**
   * The verdicts on one message: {@code toxicity} (rules), {@code toxicity_model} (the head, when
   * it ran) and {@code frustration} (only for a message that is not toxic). {@code rules} is the
   * detector's scan, {@code head} the head's verdict as the pipeline scores it (empty: no head or
   * no vector).
   */
  static List<GuardVerdict> verdicts(
      GuardConfig.Toxicity c, Detection rules, java.util.Optional<GuardVerdict> head, String text) {
    double headScore = head.map(GuardVerdict::score).orElse(Double.NaN);
    boolean rulesFlag =
        ToxicityDetector.rulesBlock(
            rules, c.threshold(), c.wordsAlone(), headScore, c.headConfirms());
    boolean headFlag = head.map(GuardVerdict::triggered).orElse(false);
    GuardAction action = aimedAtPeople(c, rules, headFlag) ? c.action() : c.care();
    List<GuardVerdict> out = new ArrayList<>();
    out.add(
        new GuardVerdict(
            ToxicityDetector.GUARD,
            rulesFlag,
            rules.score(),
            action,
            rules.findings().stream()
                .filter(f -> !f.category().equals(ToxicityDetector.FRUSTRATED))
                .toList(),
            text));
    head.ifPresent(
        v ->
            out.add(
                new GuardVerdict(
                    v.guard(), v.triggered(), v.score(), action, v.findings(), v.text())));
    double frustration = ToxicityDetector.frustration(rules);
    if (!rulesFlag && !headFlag && c.frustration() && frustration >= c.threshold()) {
      out.add(
          new GuardVerdict(
              FRUSTRATION,
              true,
              frustration,
              GuardAction.CARE,
              rules.findings().stream()
                  .filter(f -> f.category().equals(ToxicityDetector.FRUSTRATED))
                  .toList(),
              text));
    }
    return out;
  }

  /**
   * Toxic language aimed at people: an abuse pattern (insult, threat, hate, harassment, a slur), or
   * a head verdict with no profanity and no venting behind it (toxic meaning without a swear word
   * is an insult, a threat or hate, not frustration). Profanity at the situation and venting are
   * not.
   */
  static boolean aimedAtPeople(GuardConfig.Toxicity c, Detection rules, boolean headFlag) {
    if (ToxicityDetector.abuse(rules) >= c.threshold()) {
      return true;
    }
    return headFlag
        && ToxicityDetector.words(rules) < c.threshold()
        && ToxicityDetector.frustration(rules) < c.threshold();
  }
}
