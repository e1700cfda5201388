#!/usr/bin/env bash
# Load check for /ws (not part of the build): starts one server on a fresh database on the local
# PostgreSQL, connects CLIENTS WebSocket clients, broadcasts EVENTS state.updated events and prints
# the delivery latency percentiles and the server's memory. Everything stays on 127.0.0.1.
#
#   bench/ws-broadcast/run.sh                 # 1000 clients, 30 events
#   CLIENTS=200 EVENTS=10 bench/ws-broadcast/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
CLIENTS="${CLIENTS:-1000}"
USERS="${USERS:-50}"
EVENTS="${EVENTS:-30}"
INTERVAL_MS="${INTERVAL_MS:-300}"
PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
PG_PORT="${BENCH_PG_PORT:-5432}"
SERVER_OPTS="${SERVER_OPTS:--Xmx512m}"
OUT=bench/target
mkdir -p "$OUT/lib"

if [ ! -f server/target/miyabi-server.jar ]; then
    ./mvnw -q -pl server -am package -DskipTests
fi
unzip -q -o -j server/target/miyabi-server.jar 'BOOT-INF/lib/postgresql-*.jar' -d "$OUT/lib"

DB="miyabi_bench_$(date +%s)"
psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -c "CREATE DATABASE $DB"
HOME_DIR="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    psql -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
    rm -rf "$HOME_DIR"
}
trap cleanup EXIT

MIYABI_DATABASE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" MIYABI_DATABASE_USER=postgres \
    MIYABI_HOME="$HOME_DIR" MIYABI_ADMIN_PASSWORD="bench-admin-password" PORT=0 \
    MIYABI_PAYMENTS_PROVIDER=sandbox MIYABI_AUTH_REGISTRATIONS_PER_ADDRESS=100000 \
    "$JAVA_HOME/bin/java" $SERVER_OPTS -jar server/target/miyabi-server.jar > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
# A random free port (other servers may run on this machine): read it from the log.
PORT=""
for _ in $(seq 1 180); do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited; see $OUT/server.log"; exit 1; }
    PORT="$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$OUT/server.log" | head -1)"
    if [ -n "$PORT" ] && curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null; then break; fi
    sleep 1
done
[ -n "$PORT" ] || { echo "server did not start; see $OUT/server.log"; exit 1; }
echo "server: java $SERVER_OPTS, pid $SERVER_PID, port $PORT, $(nproc) cores"

"$JAVA_HOME/bin/java" -cp "$(ls $OUT/lib/postgresql-*.jar | head -1)" bench/ws-broadcast/WsBroadcastBench.java \
    --base "http://127.0.0.1:$PORT" --jdbc "jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
    --server-pid "$SERVER_PID" --clients "$CLIENTS" --users "$USERS" --events "$EVENTS" --interval-ms "$INTERVAL_MS"
