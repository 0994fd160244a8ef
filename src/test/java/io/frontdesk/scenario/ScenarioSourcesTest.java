package io.frontdesk.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioSourcesTest {

  static final String OPERATOR_SCENARIO =
      """
      id: operator-greeting
      domain: general
      customer: cus_0004
      persona: polite, brief
      goal: say hello and leave
      opening: Hello!
      closing: thanks, that's all
      expect:
        escalated: false
        executed: []
      scripted:
      - text: Hello! How can I help you today?
      - text: You're welcome!
      """;

  @Test
  void aDataFolderWithScenariosAddsThemBesideTheBuiltInOnesEachWithItsFile(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("scenarios/greeting.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, OPERATOR_SCENARIO);

    ScenarioSources sources = ScenarioSources.read(Scenario.DIRECTORY, dir);

    int builtIn = Scenario.all(Scenario.DIRECTORY).size();
    assertEquals(builtIn + 1, sources.files().size());
    assertEquals(List.of(), sources.notes());
    ScenarioSources only = sources.only("operator-");
    assertEquals(
        List.of("operator-greeting"), only.scenarios().stream().map(Scenario::id).toList());
    assertEquals(file, only.files().values().iterator().next());
  }

  @Test
  void aDataFolderWithoutScenariosSaysTheyWereNotMeasuredAndKeepsTheBuiltInOnes(@TempDir Path dir) {
    ScenarioSources sources = ScenarioSources.read(Scenario.DIRECTORY, dir);

    assertEquals(
        List.of(
            "not measured: `%s/*.yaml` missing (only the built-in scenarios ran)"
                .formatted(dir.resolve("scenarios"))),
        sources.notes());
    assertEquals(Scenario.all(Scenario.DIRECTORY).size(), sources.files().size());
    assertTrue(sources.countByFolder().containsKey(Scenario.DIRECTORY));
  }
}
