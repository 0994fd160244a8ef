# Sourced by .ci/run, bin/frontdesk and the bin/ tooling (lib/tooling.sh): exports JAVA_HOME (and
# PATH) as the newest JDK >= 21 among $JAVA_HOME and /usr/lib/jvm/*, or exits with a clear message.
# The default `java` on a machine may be older than the build needs.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }

pick_jdk() {
  local best="" best_major=0 home major
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -x "$home/bin/javac" ] || continue
    major=$(java_major "$home") || continue
    major=${major%%.*}
    if [ "${major:-0}" -gt "$best_major" ]; then best="$home"; best_major=$major; fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "no JDK >= 21 found (best: ${best:-none}, $best_major)" >&2
    exit 1
  fi
  echo "$best"
}

JAVA_HOME="$(pick_jdk)"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
