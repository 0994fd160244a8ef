package io.frontdesk.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
      GuardConfig.Toxicity c,
      Detection rules,
      java.util.Optional<GuardVerdict> scored,
      String text) {
    java.util.Optional<GuardVerdict> head = scored.map(v -> alone(c, v));
    double headScore = head.map(GuardVerdict::score).orElse(Double.NaN);
    boolean rulesFlag =
        ToxicityDetector.rulesBlock(
            rules, c.threshold(), c.wordsAlone(), headScore, c.headConfirms());
    boolean headFlag = head.map(GuardVerdict::triggered).orElse(false);
    if (rulesFlag
        && pleased(text)
        && ToxicityDetector.abuse(rules) < c.threshold()
        && ToxicityDetector.frustration(rules) < c.threshold()) {
      // friendly swearing ("fuck yes, it works now") is neither abuse nor frustration
      rulesFlag = false;
      headFlag = false;
      head = head.map(v -> quiet(v));
    }
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
   * A customer pleased or at ease: thanks, praise, "it works now", "my bad". Swearing in such a
   * message is friendly (issue 27: friendly swearing was flagged), so it is not answered with care.
   */
  private static final Pattern PLEASED =
      Pattern.compile(
          "\\b(thanks|thank you|thx|cheers|works now|working now|it works|amazing|awesome|brilliant"
              + "|fantastic|perfect|great job|well done|love (it|this|you guys)|you guys are good"
              + "|you('re| are) (the best|great|amazing|good)|all sorted|my bad|that was fast)\\b",
          Pattern.CASE_INSENSITIVE);

  static boolean pleased(String text) {
    return PLEASED.matcher(text).find();
  }

  private static GuardVerdict quiet(GuardVerdict v) {
    return new GuardVerdict(v.guard(), false, v.score(), v.action(), List.of(), v.text());
  }

  /**
   * The head's verdict with its own bars: a verdict reached on the head's score alone ("model", not
   * "model+rules") stands only at {@link GuardConfig.Toxicity#headAlone}, an assisted one only at
   * {@link GuardConfig.Toxicity#headAssisted}.
   */
  private static GuardVerdict alone(GuardConfig.Toxicity c, GuardVerdict v) {
    boolean assisted = v.findings().stream().anyMatch(f -> f.category().equals("model+rules"));
    if (!v.triggered() || v.score() >= c.headAlone() || assisted && v.score() >= c.headAssisted()) {
      return v;
    }
    return quiet(v);
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
