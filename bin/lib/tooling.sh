# Sourced by the bin/ tooling commands (benchmark, evaluate-*, train-guards, report-prompt-tokens):
# picks the JDK (lib/jdk.sh) and builds what they run, the tooling of src/bench/java compiled with
# the tests. The build itself writes the test classpath (target/test.cp, maven-dependency-plugin
# bound in pom.xml), so no command needs a Maven plugin the build never fetched; Maven reads extra
# flags from MAVEN_ARGS itself (e.g. MAVEN_ARGS=-o on a machine without the network).
# shellcheck source=jdk.sh
. "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"
java="$JAVA_HOME/bin/java"

# Runs Maven up to the phase (test-compile or package), tests skipped, quietly.
build_tooling() { # phase
  ./mvnw -q -B "$1" -DskipTests -Dspotless.check.skip=true
}

# The tooling's classpath, as the last build wrote it; says how to build when it is missing.
tooling_classpath() {
  if [ ! -f target/test.cp ] || [ ! -d target/test-classes ]; then
    echo "$(basename "$0"): no target/test.cp or target/test-classes: run ./mvnw test-compile first" >&2
    exit 2
  fi
  echo "target/test-classes:target/classes:$(cat target/test.cp)"
}
