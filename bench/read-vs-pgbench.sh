#!/usr/bin/env bash
# The API's read path beside PostgreSQL's own limit, in one run on one machine (issue 17):
# pgbench -S (one-row reads by primary key) and, with wrk, GET /api/products/{id}, GET /api/products?q=,
# the first listing page and an authenticated GET /api/orders, each at 64 and at 1 000 connections.
# Prints req/s, p50/p99, non-2xx and socket errors (timeouts included), the ratio to pgbench's TPS,
# the server's CPU time per request (user + system; the figure that other load on the machine changes least)
# and the server's peak RSS during each run.
#
#   bench/read-vs-pgbench.sh
#       Self-contained: a database miyabi_bench_<pid> with PRODUCTS generated products and a pgbench
#       database beside it on the local PostgreSQL (127.0.0.1:5432, user postgres); builds the server
#       jar when needed, starts it on a free port, measures, stops it and drops both databases.
#
# Settings: PRODUCTS (2000), CONNECTIONS ("64 1000"), DURATION (20s), WARMUP (5s), THREADS (2),
#           PGBENCH_CLIENTS (16), PGBENCH_SCALE (10), SERVER_OPTS (extra JVM options, e.g. -Xmx512m),
#           JVM_OPTIONS (the JVM's @argument file: server/jvm.options, as run.sh),
#           BENCH_PORT (the server's port; a free one by default), SERVER_JAR (a jar to measure instead of
#           server/target/miyabi-server.jar, e.g. a copy of an earlier build for a before/after run),
#           ROWS (which requests: any of "id q list orders", all by default),
#           SERVER_ENV (settings for the server, e.g. "MIYABI_HTTP_MAX_CONCURRENT_REQUESTS=20").
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

PRODUCTS=${PRODUCTS:-2000}
CONNECTIONS=${CONNECTIONS:-64 1000}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-16}
PGBENCH_SCALE=${PGBENCH_SCALE:-10}
ROWS=${ROWS:-id q list orders}
work=$(mktemp -d)
server_pid=
bench_db=miyabi_bench_$$
pgbench_db=miyabi_pgbench_$$

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" || true
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $pgbench_db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT

require wrk wrk
require psql postgresql-client
require pgbench postgresql-contrib
require curl curl
require python3 python3
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

port=${BENCH_PORT:-$(free_port)}
BASE_URL=http://127.0.0.1:$port
psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $bench_db" -c "CREATE DATABASE $pgbench_db"
server_jar
password="bench-$(date +%s%N)"
log "Starting the server on $BASE_URL (database $bench_db)"
started=$(date +%s%N)
# shellcheck disable=SC2086
start_server "$work/server.log" MIYABI_ADMIN_EMAIL=admin@bench.test \
  MIYABI_ADMIN_PASSWORD="$password" ${SERVER_ENV:-}
echo "ready in $(( ($(date +%s%N) - started) / 1000000 )) ms; RSS idle $(( $(ps -o rss= -p "$server_pid") / 1024 )) MB"

psql_() { psql -h 127.0.0.1 -U postgres -d "$bench_db" -v ON_ERROR_STOP=1 -q -X "$@"; }
log "Loading $PRODUCTS products"
psql_ -v products="$PRODUCTS" <<'SQL'
SELECT setseed(0.42);
INSERT INTO products (name, description, price, currency, category, status, created_at, updated_at)
SELECT (ARRAY['AI Course', 'AI Document', 'Search Plan', 'Workshop', 'Support Plan'])[1 + (i % 5)] || ': '
         || (ARRAY['Spring', 'Cloud', 'Finance', 'Design', 'Sales', 'Security', 'Data', 'Legal'])[1 + (i * 7 % 8)]
         || ' #' || i,
       'Generated for the read benchmark [bench]', round((5 + random() * 4995)::numeric, 2), 'USD',
       (ARRAY['ai_course_generation', 'ai_document_generation', 'ai_search_service', 'business_consulting',
              'technical_support'])[1 + (i % 5)],
       'active', now() - make_interval(secs => i), now() - make_interval(secs => i)
FROM generate_series(1, :products) AS i;
VACUUM (ANALYZE) products;
SQL
psql_ -At -c "SELECT id FROM products WHERE status = 'active' ORDER BY random() LIMIT 2000" >"$work/ids.txt"

json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
log "A customer with 20 orders (for the authenticated listing)"
token=$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"reader-$$@bench.test\",\"password\":\"$password\",\"name\":\"Bench reader\"}" \
  "$BASE_URL/api/auth/register" | json_field "['accessToken']")
product=$(curl -fsS "$BASE_URL/api/products?category=technical_support&size=1" | json_field "['items'][0]['id']")
for _ in $(seq 1 20); do
  curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"productId\":\"$product\",\"quantity\":1}" "$BASE_URL/api/orders"
done

log "pgbench -S: $PGBENCH_CLIENTS clients, scale $PGBENCH_SCALE, $DURATION"
pgbench -h 127.0.0.1 -U postgres -i -q -s "$PGBENCH_SCALE" "$pgbench_db" >/dev/null 2>&1
seconds=${DURATION%s}
pgbench_tps=$(pgbench -h 127.0.0.1 -U postgres -S -n -c "$PGBENCH_CLIENTS" -j "$THREADS" -T "$seconds" "$pgbench_db" \
  | awk '/^tps = / {printf "%.0f", $3}')
echo "pgbench -S: $pgbench_tps TPS"

# The server's CPU time so far (user + system), in clock ticks.
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

# with_peak_rss OUT COMMAND...: runs the command with its output in OUT; prints the server's peak RSS (MB)
# and the CPU ticks the server used meanwhile.
with_peak_rss() {
  local out_file=$1 peak_file=$work/peak ticks; shift; echo 0 >"$peak_file"; ticks=$(server_ticks)
  ( while kill -0 "$server_pid" 2>/dev/null; do
      rss=$(ps -o rss= -p "$server_pid" | tr -d ' ')
      # Replaced, not rewritten in place: killing the sampler mid-write must not leave the file empty.
      [ "${rss:-0}" -gt "$(cat "$peak_file")" ] && echo "$rss" >"$peak_file.new" && mv "$peak_file.new" "$peak_file"
      sleep 0.5
    done ) &
  local sampler=$!
  "$@" >"$out_file" 2>&1 || true
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  echo "$(( $(cat "$peak_file") / 1024 )) $(( $(server_ticks) - ticks ))"
}

results=$work/results.md
printf '| request | connections | req/s | p50 ms | p99 ms | non-2xx | socket errors | vs pgbench -S | server CPU µs/req | peak RSS MB |\n|---|---|---|---|---|---|---|---|---|---|\n' >"$results"
run() {
  local label=$1 connections=$2 url=$3; shift 3
  wrk -t"$THREADS" -c"$connections" -d"$WARMUP" --timeout 10s -s bench/latency.lua "$url" "$@" >/dev/null 2>&1 || true
  local out rss ticks
  read -r rss ticks < <(with_peak_rss "$work/wrk.out" wrk -t"$THREADS" -c"$connections" -d"$DURATION" --timeout 10s \
    -s bench/latency.lua "$url" "$@")
  out=$(grep '^RESULT' "$work/wrk.out" | tail -n 1 || true)
  python3 - "$label" "$connections" "$pgbench_tps" "$rss" "$out" "$ticks" "$(getconf CLK_TCK)" >>"$results" <<'PY'
import sys
label, connections, pgbench, rss, line, ticks, tck = sys.argv[1:8]
if not line:
    print(f"| {label} | {connections} | wrk gave no result | | | | | | | {rss} |")
    sys.exit()
values = dict(item.split("=") for item in line.split()[1:])
# CPU per request depends less on what else runs on the machine than req/s and latency do.
requests = int(values['requests'])
cpu = f"{1e6 * int(ticks) / int(tck) / requests:.0f}" if requests else "—"
print(f"| {label} | {connections} | {float(values['rps']):.0f} | {float(values['p50_ms']):.1f} | {float(values['p99_ms']):.1f}"
      f" | {values['non2xx']} | {values['socket_errors']} | {100 * float(values['rps']) / float(pgbench):.1f} % | {cpu} | {rss} |")
PY
  tail -n 1 "$results"
}

row() { case " $ROWS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
for connections in $CONNECTIONS; do
  log "wrk: $connections connections, $THREADS threads, $DURATION per request (after $WARMUP warm-up)"
  if row id; then run 'GET /api/products/{id}' "$connections" "$BASE_URL" -- ids "$work/ids.txt"; fi
  if row q; then run 'GET /api/products?q=spring&size=20' "$connections" "$BASE_URL/api/products?q=spring&size=20"; fi
  if row list; then run 'GET /api/products (first page)' "$connections" "$BASE_URL/api/products"; fi
  if row orders; then run 'GET /api/orders (signed in)' "$connections" "$BASE_URL/api/orders" -H "Authorization: Bearer $token"; fi
done

log "Results (pgbench -S $pgbench_tps TPS, $PGBENCH_CLIENTS clients)"
cat "$results"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; server, PostgreSQL, pgbench and wrk share it."
