package io.frontdesk.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/evaluate-scenarios' entry point on a data folder holding one scenario of the operator's own
 * and no other set: it runs that scenario against the packaged service and its report names the
 * file.
 */
class ScenarioEvaluationIT {

  @Test
  void anOperatorsScenarioFromTheDataFolderIsRunAndItsRowNamesTheFile(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("scenarios/greeting.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, ScenarioSourcesTest.OPERATOR_SCENARIO);
    Path report = dir.resolve("scenario-evaluation.md");

    ScenarioEvaluation.main(
        new String[] {
          "--eval-dir", dir.toString(),
          "--only", "operator-",
          "--modes", "offline",
          "--k", "1",
          "--out", report.toString()
        });

    String md = Files.readString(report);
    assertTrue(md.contains("1 from `" + file.getParent() + "/*.yaml`"), md);
    assertTrue(md.contains("| operator-greeting (`" + file + "`) | general | "), md);
  }
}
