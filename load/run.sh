#!/usr/bin/env bash
# Runs a Gatling simulation of load/ against a server it starts for the run (issue 17):
#
#   load/run.sh journey   the customer journey at 1 000 concurrent users, with the latency assertions
#                         (p95 < 100 ms, p99 < 200 ms per API call) and errors < 0.1 %
#   load/run.sh stress    a closed-loop stress of the read endpoints (load.concurrency clients, errors < 0.1 %)
#   load/run.sh smoke     the journey with a few users and short think times, errors only (CI runs it)
#
# Builds server/target/miyabi-server.jar when a source is newer (as run.sh does), creates a throwaway
# database miyabi_load_<pid> on the machine's PostgreSQL (127.0.0.1:5432, user postgres), starts the jar
# on a free port with the demo catalog, sandbox payments and the offline LLM, runs the simulation and
# drops the database. The HTML report lands in load/results/<simulation>-<time>/index.html.
# Further arguments go to Maven, e.g. -Dload.users=500 -Dload.rampSeconds=120 (see LoadSettings.java).
#
# Settings: LOAD_PORT (a free port), LOAD_DATABASE (miyabi_load_<pid>; dropped at the end),
#           JVM_OPTIONS (the server's java @argument file: server/jvm.options, as run.sh), SERVER_OPTS (more
#           JVM options after it, e.g. -Xmx512m), SERVER_ENV (extra VAR=value settings), SERVER_JAR (a jar to
#           run instead of building server/target/miyabi-server.jar).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=${1:-}
case "$profile" in
  journey) simulation=JourneySimulation; profile_args=() ;;
  stress) simulation=ReadStressSimulation; profile_args=() ;;
  smoke)
    simulation=JourneySimulation
    # 12 customers within 8 s, a fiftieth of the think times, one approver, documents only (the quicker
    # jobs): ~30 s of simulation on a quiet machine.
    profile_args=(-Dload.users=12 -Dload.rampSeconds=8 -Dload.think=0.02 -Dload.approvers=1
      -Dload.approvalShare=0.34 -Dload.orderCategories=ai_document_generation -Dload.products=0 -Dload.eventWaitSeconds=90 -Dload.latencyAssertions=false) ;;
  *) echo "usage: load/run.sh journey|stress|smoke [-Dload.<setting>=<value>...]" >&2; exit 2 ;;
esac
shift

for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
  if [ -n "$candidate" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    export JAVA_HOME=$candidate; break
  fi
done
if ! "${JAVA_HOME:-/nonexistent}/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  echo "The load tests need JDK 25 or newer: set JAVA_HOME to it." >&2
  exit 1
fi

jar=${SERVER_JAR:-server/target/miyabi-server.jar}
sources=(pom.xml server/pom.xml server/src web/pom.xml web/package.json web/package-lock.json web/index.html
  web/vite.config.ts web/tsconfig.json web/openapi.json web/src web/public)
if [ -z "${SERVER_JAR:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find "${sources[@]}" -newer "$jar" -type f -not -path web/src/api/schema.d.ts -print -quit 2>/dev/null)" ]; }; then
  echo "Building the server jar (tests skipped)..."
  ./mvnw -q -B -ntp -DskipTests -pl server -am package
fi

port=${LOAD_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
database=${LOAD_DATABASE:-miyabi_load_$$}
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
# A thousand users hold two sockets each (HTTP and /ws), on both ends.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q \
  -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" \
  -c "CREATE DATABASE $database"
admin_email=admin@load.miyabi.test
admin_password="load-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
echo "Starting the server on port $port (database $database; log: $work/server.log)"
started=$(date +%s)
# Every virtual customer signs up from 127.0.0.1: the per-address registration limit (20 an hour) is lifted.
# shellcheck disable=SC2086
env MIYABI_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$database" MIYABI_DATABASE_USER=postgres \
  MIYABI_HOME="$work/home" PORT="$port" MIYABI_DEMO_ENABLED=true \
  MIYABI_ADMIN_EMAIL="$admin_email" MIYABI_ADMIN_PASSWORD="$admin_password" \
  MIYABI_PAYMENTS_PROVIDER=sandbox MIYABI_PAYMENTS_SANDBOX_LATENCY=0ms MIYABI_LLM_PROVIDER=offline \
  MIYABI_AUTH_REGISTRATIONS_PER_ADDRESS=1000000 LOGGING_LEVEL_ROOT=warn ${SERVER_ENV:-} \
  "$JAVA_HOME/bin/java" "@${JVM_OPTIONS:-server/jvm.options}" ${SERVER_OPTS:-} -jar "$jar" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 180); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$work/server.log" >&2; echo "The server stopped during its start" >&2; exit 1
  fi
  curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null || { echo "The server did not start in 180 s" >&2; exit 1; }
echo "Ready after $(( $(date +%s) - started )) s; running $simulation ($profile)"

status=0
./mvnw -B -ntp -pl load test-compile gatling:test -Dgatling.simulationClass="dev.miyabi.load.$simulation" \
  -Dload.baseUrl="http://127.0.0.1:$port" -Dload.adminEmail="$admin_email" -Dload.adminPassword="$admin_password" \
  "${profile_args[@]}" "$@" || status=$?
if grep -qE ' ERROR ' "$work/server.log"; then
  echo "The server logged errors during the run:" >&2
  grep -E -m 10 -A5 ' ERROR ' "$work/server.log" >&2 || true
  status=1
fi
# Gatling writes into load/target/gatling (its plugin's fixed folder); the reports are kept in load/results.
mkdir -p load/results
for run in load/target/gatling/*/; do
  if [ -f "${run}index.html" ]; then
    kept=load/results/$(basename "$run")
    mv "$run" "$kept"
    python3 load/report-table.py "$kept/index.html" || true
    echo "Report: $kept/index.html"
  fi
done
exit "$status"
