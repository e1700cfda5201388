#!/usr/bin/env bash
# Product search benchmark: loads 100 000 products (generated in SQL) into a server's database, shows
# the query plans, then measures GET /api/products?q=… and GET /api/products/{id} with wrk at 200
# concurrent connections and reports p50/p95/p99 latency and throughput.
#
#   bench/products-search.sh
#       Self-contained: creates a database miyabi_bench_<pid> on the local PostgreSQL (127.0.0.1:5432,
#       user postgres), builds the server jar when needed, starts it on a free port, measures, stops
#       it and drops the database (KEEP=1 keeps both running/there and prints how to reach them).
#   BASE_URL=http://host:8080 DATABASE_URL=postgresql://user:pw@host:5432/db bench/products-search.sh
#       A running server and its database (psql connection URL). The generated products stay
#       (recognisable by "[bench]" in their description); CLEANUP=1 deletes them at the end.
#
# Settings: PRODUCTS (100000), CONNECTIONS (200), THREADS (2), DURATION (30s), WARMUP (10s),
#           QUERIES ("kubernetes analytics") — each term is measured alone (the first is rare, ~1 %,
#           the second common, ~10 %); then a mix of 426 terms, so most totals are really counted
#           (a listing's total is otherwise reused for 10 s, see docs/architecture.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

PRODUCTS=${PRODUCTS:-100000}
CONNECTIONS=${CONNECTIONS:-200}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
QUERIES=${QUERIES:-kubernetes analytics}
work=$(mktemp -d)
server_pid=
bench_db=


cleanup() {
  if [ "${KEEP:-0}" = 1 ] && [ -n "$server_pid" ]; then
    echo "Kept: server pid $server_pid at $BASE_URL, database $DATABASE_URL"
    return
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$bench_db" ]; then
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

require wrk wrk
require psql postgresql-client
require curl curl
require python3 python3

if [ -z "${BASE_URL:-}" ]; then
  bench_db=miyabi_bench_$$
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$bench_db
  BASE_URL=http://127.0.0.1:$port
  log "Self-contained run: database $bench_db, server on $BASE_URL"
  psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $bench_db"
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
    if [ -n "$candidate" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
      export JAVA_HOME=$candidate; break
    fi
  done
  jar=server/target/miyabi-server.jar
  if [ ! -f "$jar" ] || [ -n "$(find server/src pom.xml server/pom.xml -newer "$jar" -type f -print -quit)" ]; then
    echo "Building the server jar..."
    ./mvnw -q -B -DskipTests -pl server -am package
  fi
  MIYABI_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$bench_db MIYABI_DATABASE_USER=postgres \
    MIYABI_HOME="$work/home" MIYABI_DEMO_ENABLED=false MIYABI_ADMIN_PASSWORD="bench-$(date +%s%N)" \
    PORT="$port" LOGGING_LEVEL_ROOT=warn MIYABI_PAYMENTS_PROVIDER=sandbox \
    "$JAVA_HOME/bin/java" -jar "$jar" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 180); do
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    curl -fsS "$BASE_URL/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "$BASE_URL/actuator/health/readiness" >/dev/null
elif [ -z "${DATABASE_URL:-}" ]; then
  echo "With BASE_URL, also set DATABASE_URL (a psql connection URL of that server's database)." >&2
  exit 1
fi

psql_() { psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -X "$@"; }

log "Loading $PRODUCTS products"
existing=$(psql_ -At -c "SELECT count(*) FROM products WHERE description LIKE '%[bench]%'")
if [ "$existing" -ge "$PRODUCTS" ]; then
  echo "$existing generated products are already there"
else
  start=$(date +%s)
  psql_ -v products="$PRODUCTS" -v existing="$existing" <<'SQL'
SELECT setseed(0.42);
INSERT INTO products (name, description, price, currency, category, status, created_at, updated_at)
SELECT name, description, price, 'USD', category, status, created, created
FROM (
  SELECT
    (ARRAY['AI Course', 'AI Document', 'Search Plan', 'Workshop', 'Support Plan', 'Handbook', 'Masterclass',
           'Toolkit'])[1 + (i % 8)] || ': '
      || CASE WHEN i % 100 = 7 THEN 'Kubernetes ' ELSE '' END
      || (ARRAY['Python', 'Cloud', 'Finance', 'Design', 'Sales', 'Security', 'Marketing', 'Leadership', 'Data',
                'Mobile', 'Legal', 'Healthcare', 'Retail', 'Logistics', 'Energy', 'Robotics'])[1 + (i * 7 % 16)] || ' '
      || (ARRAY['Basics', 'Deep Dive', 'for Teams', 'in Practice', 'Essentials', 'Advanced', 'Bootcamp',
                'Fundamentals', 'Playbook', 'Clinic'])[1 + (i * 13 % 10)] || ' #' || i AS name,
    'Generated for the search benchmark: '
      || CASE WHEN i % 10 = 3 THEN 'analytics and reporting, ' ELSE '' END
      || (ARRAY['hands-on exercises', 'weekly sessions', 'templates and checklists', 'expert review',
                'quizzes', 'case studies'])[1 + (i % 6)] || ' [bench]' AS description,
    round((5 + random() * 4995)::numeric, 2) AS price,
    (ARRAY['ai_course_generation', 'ai_document_generation', 'ai_search_service', 'business_consulting',
           'technical_support'])[1 + (i % 5)] AS category,
    CASE WHEN i % 20 = 0 THEN 'draft' WHEN i % 20 = 1 THEN 'archived' ELSE 'active' END AS status,
    now() - make_interval(secs => i) AS created
  FROM generate_series(:existing + 1, :products) AS i
) generated;
VACUUM (ANALYZE) products;
SQL
  echo "loaded in $(( $(date +%s) - start )) s; products now: $(psql_ -At -c 'SELECT count(*) FROM products')"
fi

rare=$(echo "$QUERIES" | awk '{print $1}')
log "Plans of the search the server runs (public listing, q=$rare): the page, then its total"
psql_ <<SQL
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id, name, description, price, currency, category, status, version, created_at, updated_at FROM products
WHERE status = 'active' AND search_text LIKE lower('%${rare}%')
ORDER BY created_at DESC, id ASC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*) FROM products WHERE status = 'active' AND search_text LIKE lower('%${rare}%');
SQL

psql_ -At -c "SELECT id FROM products WHERE status = 'active' ORDER BY random() LIMIT 2000" >"$work/ids.txt"
# A mix of search terms as users type them: catalogue words (common), product numbers (one hit
# each, hence many distinct queries) and words that match nothing.
{
  printf '%s\n' python cloud finance design security marketing leadership data robotics basics \
    "deep%20dive" essentials bootcamp workshop handbook masterclass kubernetes analytics templates quizzes
  for n in $(shuf -i 1-"$PRODUCTS" -n 400 --random-source=<(yes)); do printf '%%23%s\n' "$n"; done
  printf '%s\n' blockchain quantum gardening violin astronomy pottery
} >"$work/terms.txt"

run() {
  local label=$1 url=$2; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/latency.lua "$url" -- "$@" >/dev/null
  local result
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/latency.lua "$url" -- "$@" | grep '^RESULT')
  printf '%-34s %s\n' "$label" "${result#RESULT }"
}

log "wrk: $CONNECTIONS connections, $THREADS threads, $DURATION per endpoint (after $WARMUP warm-up)"
for term in $QUERIES; do
  total=$(curl -fsS "$BASE_URL/api/products?q=$term&size=1" | sed -E 's/.*"total":([0-9]+).*/\1/')
  run "GET /api/products?q=$term ($total hits)" "$BASE_URL/api/products?q=$term"
done
run "GET /api/products?q=<426 mixed terms>" "$BASE_URL" terms "$work/terms.txt"
run "GET /api/products/{id} (random)" "$BASE_URL" ids "$work/ids.txt"
run "GET /api/products (first page)" "$BASE_URL/api/products"

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; server, PostgreSQL and wrk share it."

if [ "${CLEANUP:-0}" = 1 ]; then
  log "Deleting the generated products"
  psql_ -c "DELETE FROM products p WHERE description LIKE '%[bench]%' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.product_id = p.id)"
fi
