#!/usr/bin/env bash
# Runs the Miyabi platform from a fresh clone: builds the server jar when needed, then starts it.
# With no configuration it uses an embedded PostgreSQL in ./.miyabi, the offline LLM and sandbox
# payments; the first start prints the generated admin password. Arguments go to the server
# (e.g. ./run.sh --server.port=9090). Environment variables: see README.md, "Configuration"; JVM options:
# server/jvm.options, plus JAVA_OPTS (e.g. JAVA_OPTS=-Xmx1g ./run.sh).
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/temurin-25*; do
    if [ -x "$candidate/bin/java" ]; then JAVA_HOME=$candidate; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  echo "Miyabi needs JDK 25 or newer: set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME

jar=server/target/miyabi-server.jar
# The jar is stale when a source or build file of the server, or of the web UI it serves, is newer than it.
# Build output (target/, web/dist, node_modules, the generated API types, the CLI's build) never counts: it is
# written during and after a build, so counting it would rebuild on every start.
sources=(pom.xml server/pom.xml server/src web/pom.xml web/package.json web/package-lock.json web/index.html
  web/vite.config.ts web/tsconfig.json web/openapi.json web/src web/public)
if [ ! -f "$jar" ] || [ -n "$(find "${sources[@]}" -newer "$jar" -type f -not -path web/src/api/schema.d.ts -print -quit 2>/dev/null)" ]; then
  echo "Building the server (tests skipped; run ./mvnw verify for them)..."
  ./mvnw -q -B -DskipTests package
fi
# JVM options: server/jvm.options (heap ceiling and the modules the server needs), then JAVA_OPTS, which wins.
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" @server/jvm.options ${JAVA_OPTS:-} -jar "$jar" "$@"
