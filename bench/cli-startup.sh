#!/usr/bin/env bash
# Start-up of the terminal client: `miyabi --version` and `miyabi products list` (a real request to a
# running server), the median of 10 runs each, without and with the JVM AOT cache.
# Usage: bench/cli-startup.sh [server URL]   (default http://localhost:8080; start one with ./run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-${MIYABI_URL:-http://localhost:8080}}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
jar=cli/target/miyabi.jar
aot=cli/target/miyabi.aot
[ -f "$jar" ] && [ -f "$aot" ] || ./mvnw -q -B -DskipTests -pl cli package
# products list is public: no session is needed (an empty config directory).
export XDG_CONFIG_HOME=$(mktemp -d) MIYABI_URL=$url NO_COLOR=1
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
"$java" -jar "$jar" products list >/dev/null || { echo "No server at $url" >&2; exit 1; }

median() { # command... → median wall time of 10 runs, in ms (after 2 warm-up runs)
  local times=()
  for i in $(seq 1 12); do
    local start=$(date +%s%N)
    "$@" >/dev/null
    local end=$(date +%s%N)
    [ "$i" -gt 2 ] && times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (a[5]+a[6])/2}'
}

printf '| command | without cache (ms) | with %s (ms) |\n|---|---|---|\n' "$aot"
for args in "--version" "products list"; do
  # shellcheck disable=SC2086
  plain=$(median "$java" -jar "$jar" $args)
  # shellcheck disable=SC2086
  cached=$(median "$java" -XX:AOTCache="$aot" -jar "$jar" $args)
  printf '| miyabi %s | %s | %s |\n' "$args" "$plain" "$cached"
done
