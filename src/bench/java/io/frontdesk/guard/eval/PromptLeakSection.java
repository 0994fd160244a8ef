package io.frontdesk.guard.eval;

import dev.langchain4j.service.SystemMessage;
import io.frontdesk.agent.SupportAgent;
import io.frontdesk.guard.PromptLeakDetector;
import io.frontdesk.turn.RunningTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * System-prompt leaks, on synthetic answers: the support agent's real prompt, verbatim excerpts of
 * it planted in help-centre texts (no public labelled set exists for this).
 */
final class PromptLeakSection {

  private static final int[] LENGTHS = {6, 8, 12, 16, 24};

  private final EvalData data;
  private final PromptLeakDetector detector;
  private final double threshold;
  final String prompt;
  private final List<String> answers = new ArrayList<>();

  PromptLeakSection(EvalData data, PromptLeakDetector detector, double threshold) {
    this.data = data;
    this.detector = detector;
    this.threshold = threshold;
    this.prompt = supportAgentPrompt();
  }

  static String supportAgentPrompt() {
    try {
      return String.join(
          "\n",
          SupportAgent.class
              .getMethod("chat", RunningTurn.class, String.class)
              .getAnnotation(SystemMessage.class)
              .value());
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("SupportAgent.chat changed; update the evaluation", e);
    }
  }

  void write(StringBuilder md) {
    List<String> clean = new ArrayList<>(EvalData.demoArticles().values());
    clean.addAll(data.stackFaqAnswers());
    String[] words = prompt.strip().split("\\s+");
    md.append("## 5. System-prompt leaks in answers (`PromptLeakDetector`)\n\n")
        .append("No public labelled set exists, so this is synthetic: the support agent's real")
        .append(" system prompt (")
        .append(words.length)
        .append(" words), and a verbatim excerpt of")
        .append(" it of N words planted as a paragraph in each of ")
        .append(clean.size())
        .append(" help-centre texts used as answers (demo articles + StackFAQ threads). Threshold ")
        .append(threshold)
        .append(" (score = longest verbatim run / ")
        .append(PromptLeakDetector.FULL_SCORE_WORDS)
        .append(" words).\n\n| planted excerpt | detected |\n|---|---|\n");
    Random random = new Random(7);
    for (int length : LENGTHS) {
      int hits = 0;
      for (int i = 0; i < clean.size(); i++) {
        int from = random.nextInt(words.length - length);
        String excerpt = String.join(" ", java.util.Arrays.copyOfRange(words, from, from + length));
        String answer = ToolOutputEmbedding.embed(clean.get(i), excerpt, i);
        answers.add(answer);
        hits += detector.scan(answer, prompt).score() >= threshold ? 1 : 0;
      }
      md.append("| ")
          .append(length)
          .append(" words | ")
          .append(Tally.pct(hits, clean.size()))
          .append(" |\n");
    }
    int falseAlarms = 0;
    for (String answer : clean) {
      falseAlarms += detector.scan(answer, prompt).score() >= threshold ? 1 : 0;
      answers.add(answer);
    }
    md.append("| none (clean answers: false positives) | ")
        .append(Tally.pct(falseAlarms, clean.size()))
        .append(" |\n\nParaphrased or translated leaks are not detected (verbatim runs only).\n\n");
  }

  List<String> texts() {
    return answers;
  }
}
