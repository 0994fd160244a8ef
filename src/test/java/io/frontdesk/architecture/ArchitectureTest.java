package io.frontdesk.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, enforced: the rooms bottom up, nothing imports a room above
 * its own, no cycle between packages, the kernel imports no feature, and SQL only in repositories.
 */
class ArchitectureTest {

  private static final String BASE = "io.frontdesk";

  /** Each top-level package's room, bottom (1) up; a package may import its own room or lower. */
  static final Map<String, Integer> ROOMS =
      Map.ofEntries(
          // 1. infrastructure
          Map.entry("http", 1),
          Map.entry("database", 1),
          Map.entry("startup", 1),
          Map.entry("replica", 1),
          // 2. the turn kernel
          Map.entry("turn", 2),
          // 3. shared services
          Map.entry("security", 3),
          Map.entry("embedding", 3),
          Map.entry("guard", 3),
          Map.entry("feed", 3),
          Map.entry("model", 3),
          Map.entry("telemetry", 3),
          Map.entry("language", 3),
          // 4. the gate
          Map.entry("toolgate", 4),
          // 5. features
          Map.entry("account", 5),
          Map.entry("billing", 5),
          Map.entry("technical", 5),
          Map.entry("knowledge", 5),
          Map.entry("connectors", 5),
          Map.entry("escalation", 5),
          Map.entry("approval", 5),
          Map.entry("demo", 5),
          // 6. agents
          Map.entry("agent", 6),
          // 7. the engine, channels and what reads everything
          Map.entry("conversation", 7),
          Map.entry("console", 7),
          Map.entry("observability", 7));

  private static final List<String> ROOM_NAMES =
      List.of(
          "infrastructure", "kernel", "shared services", "gate", "features", "agents", "engine");

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);
  }

  @Test
  void everyPackageHasARoom() {
    List<String> homeless =
        classes.stream()
            .filter(c -> !c.getPackageName().equals(BASE) && room(c).isEmpty())
            .map(JavaClass::getPackageName)
            .distinct()
            .sorted()
            .toList();
    assertEquals(
        List.of(),
        homeless,
        "packages without a room in ArchitectureTest.ROOMS and docs/architecture.md");
  }

  @Test
  void noPackageImportsARoomAboveItsOwn() {
    for (Map.Entry<String, Integer> entry : ROOMS.entrySet()) {
      String pkg = entry.getKey();
      int own = entry.getValue();
      List<String> above =
          ROOMS.entrySet().stream()
              .filter(e -> e.getValue() > own)
              .map(e -> BASE + "." + e.getKey() + "..")
              .sorted()
              .toList();
      if (above.isEmpty()) {
        continue;
      }
      ArchRule rule =
          noClasses()
              .that()
              .resideInAPackage(BASE + "." + pkg + "..")
              .should()
              .dependOnClassesThat()
              .resideInAnyPackage(above.toArray(String[]::new))
              .allowEmptyShould(true)
              .because(
                  "%s is in room %d (%s), and no package imports a room above its own (%s)"
                      .formatted(pkg, own, ROOM_NAMES.get(own - 1), abovePackages(own)));
      rule.check(classes);
    }
  }

  @Test
  void noCycleBetweenPackages() {
    slices()
        .matching(BASE + ".(*)..")
        .should()
        .beFreeOfCycles()
        .because("a cycle makes every package in it one big package")
        .check(classes);
  }

  @Test
  void theKernelImportsNoFeature() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".turn..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOMS.entrySet().stream()
                .filter(e -> e.getValue() > 2)
                .map(e -> BASE + "." + e.getKey() + "..")
                .toArray(String[]::new))
        .because("the kernel is what every feature stands on")
        .check(classes);
  }

  @Test
  void channelsHoldNoSqlClientTypes() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Resource")
        .or()
        .haveSimpleNameEndingWith("Socket")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.vertx.mutiny.sqlclient..")
        .because("channels decode and encode; services open transactions, repositories run SQL")
        .check(classes);
  }

  @Test
  void onlyRepositoriesRunSql() {
    noClasses()
        .that()
        .haveSimpleNameNotEndingWith("Repository")
        .and()
        .resideOutsideOfPackage(BASE + ".database..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.vertx.mutiny.sqlclient.Row")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.vertx.mutiny.sqlclient.RowSet")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.vertx.mutiny.sqlclient.Tuple")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.vertx.mutiny.sqlclient.PreparedQuery")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.vertx.mutiny.sqlclient.Query")
        .orShould()
        .callMethodWhere(
            describe(
                "a query on the SQL client",
                call ->
                    call.getTargetOwner().getPackageName().equals("io.vertx.mutiny.sqlclient")
                        && List.of("query", "preparedQuery").contains(call.getName())))
        .because(
            "SQL lives only in a feature's XxxRepository: services open transactions and pass the"
                + " connection down (docs/architecture.md)")
        .check(classes);
  }

  private static Optional<Integer> room(JavaClass c) {
    String pkg = c.getPackageName();
    if (!pkg.startsWith(BASE + ".")) {
      return Optional.empty();
    }
    String top = pkg.substring(BASE.length() + 1).split("\\.")[0];
    return Optional.ofNullable(ROOMS.get(top));
  }

  private static String abovePackages(int own) {
    return ROOMS.entrySet().stream()
        .filter(e -> e.getValue() > own)
        .map(Map.Entry::getKey)
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
