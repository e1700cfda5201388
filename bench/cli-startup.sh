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

# command... → "wall ms / cpu ms": medians of 10 runs (after 2 warm-up runs); cpu = user + system
# time of the JVM, which a busy machine inflates less than the wall time.
median() {
  local walls=() cpus=() TIMEFORMAT='%R %U %S'
  for i in $(seq 1 12); do
    local t
    t=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
    if [ "$i" -gt 2 ]; then
      walls+=("$(echo "$t" | awk '{printf "%d", $1 * 1000}')")
      cpus+=("$(echo "$t" | awk '{printf "%d", ($2 + $3) * 1000}')")
    fi
  done
  local wall cpu
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print (a[5]+a[6])/2}')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print (a[5]+a[6])/2}')
  echo "$wall / $cpu"
}

# ./miyabi's options: C1 only, serial GC, and the AOT cache built for them.
fast=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
printf '| command (wall / cpu ms) | java -jar | + C1 only, serial GC | + AOT cache = ./miyabi |\n|---|---|---|---|\n'
for args in "--version" "products list"; do
  # shellcheck disable=SC2086
  plain=$(median "$java" -jar "$jar" $args)
  # shellcheck disable=SC2086
  options=$(median "$java" "${fast[@]}" -jar "$jar" $args)
  # shellcheck disable=SC2086
  cached=$(median "$java" "${fast[@]}" -XX:AOTCache="$aot" -jar "$jar" $args)
  printf '| miyabi %s | %s | %s | %s |\n' "$args" "$plain" "$options" "$cached"
done
