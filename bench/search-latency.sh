#!/usr/bin/env bash
# Search at scale: loads PRODUCTS generated products (one chunk each, so 100 000 chunks by default) into a
# fresh database, runs the reindex command (re-chunk every source, embed every chunk with all-MiniLM-L6-v2
# through the indexing job) and reports its throughput, then measures GET /api/search with wrk at 32
# concurrent clients: p50/p95/p99 and requests/s, for queries whose vectors are cached (a mix of 300 queries
# repeated) and for queries that are all new (each one embedded on the request).
#
#   bench/search-latency.sh
#       Self-contained: creates a database miyabi_search_bench_<pid> on the local PostgreSQL
#       (127.0.0.1:5432, user postgres), builds the server jar when needed, starts it on a free port,
#       measures, stops it and drops the database (KEEP=1 keeps both).
#
# Settings: PRODUCTS (100000), CONNECTIONS (32), THREADS (2), DURATION (30s), WARMUP (10s),
#           EMBED_SAMPLE (10000): embedding 100 000 passages takes the indexing job over an hour on a small
#           shared machine, so once it has embedded EMBED_SAMPLE of them (the throughput is measured on
#           those), the remaining passages get the vector of their "template twin": the generated texts repeat
#           every 2 040 products apart from their numbers ("#i", "edition n"), so the twin's vector is what the
#           model gives them up to those numbers. EMBED_SAMPLE=0 embeds every passage with the model.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

PRODUCTS=${PRODUCTS:-100000}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
EMBED_SAMPLE=${EMBED_SAMPLE:-10000}
work=$(mktemp -d)
server_pid=
bench_db=miyabi_search_bench_$$
password="bench-$(date +%s%N)"


cleanup() {
  if [ "${KEEP:-0}" = 1 ] && [ -n "$server_pid" ]; then
    echo "Kept: server pid $server_pid at $BASE_URL (admin@miyabi.local / $password), database $bench_db"
    return
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk psql curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install wrk postgresql-client curl python3)" >&2; exit 1; }
done
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -n "$candidate" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    export JAVA_HOME=$candidate; break
  fi
done
jar=server/target/miyabi-server.jar
if [ ! -f "$jar" ] || [ -n "$(find server/src pom.xml server/pom.xml -newer "$jar" -type f -print -quit)" ]; then
  echo "Building the server jar..."
  ./mvnw -q -B -DskipTests -Dskip.web=true -pl server -am package
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$bench_db
BASE_URL=http://127.0.0.1:$port
psql_() { psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -X "$@"; }
json() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

log "Database $bench_db, server on $BASE_URL"
psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $bench_db"
MIYABI_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$bench_db MIYABI_DATABASE_USER=postgres \
  MIYABI_HOME="$work/home" MIYABI_DEMO_ENABLED=false MIYABI_ADMIN_PASSWORD="$password" \
  PORT="$port" LOGGING_LEVEL_ROOT=warn LOGGING_LEVEL_DEV_MIYABI_PLATFORM_SEARCH=info MIYABI_PAYMENTS_PROVIDER=sandbox \
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -jar "$jar" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 180); do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  curl -fsS "$BASE_URL/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
# Access tokens live 15 minutes: sign in again before each use.
auth() {
  token=$(curl -fsS "$BASE_URL/api/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@miyabi.local\",\"password\":\"$password\"}" | json "['accessToken']")
}
auth

log "Loading $PRODUCTS products (SQL), then the reindex command"
psql_ -v products="$PRODUCTS" <<'SQL'
SELECT setseed(0.42);
INSERT INTO products (name, description, price, currency, category, status, created_at, updated_at)
SELECT name, description, 49.00, 'USD', 'ai_course_generation', 'active', now(), now()
FROM (
  SELECT
    (ARRAY['AI Course', 'AI Document', 'Workshop', 'Handbook', 'Masterclass', 'Toolkit', 'Consulting', 'Audit'])[1 + (i % 8)]
      || ': ' || (ARRAY['Python', 'Cloud', 'Finance', 'Design', 'Sales', 'Security', 'Marketing', 'Leadership', 'Data',
                'Mobile', 'Legal', 'Healthcare', 'Retail', 'Logistics', 'Energy', 'Robotics', 'Kubernetes',
                'Accounting', 'Hiring', 'Privacy'])[1 + (i * 7 % 20)] || ' '
      || (ARRAY['Basics', 'Deep Dive', 'for Teams', 'in Practice', 'Essentials', 'Advanced', 'Bootcamp',
                'Fundamentals', 'Playbook', 'Clinic'])[1 + (i * 13 % 10)] || ' #' || i AS name,
    (ARRAY['Hands-on exercises', 'Weekly sessions', 'Templates and checklists', 'Expert review', 'Quizzes',
           'Case studies', 'Video lessons', 'Live coaching'])[1 + (i % 8)] || ' on '
      || (ARRAY['budgets and forecasts', 'container orchestration', 'customer interviews', 'threat modelling',
                'dashboards and reports', 'supplier contracts', 'store layouts', 'solar installations',
                'patient intake', 'warehouse robots', 'team rituals', 'pricing pages', 'tax deadlines',
                'mobile onboarding', 'data pipelines', 'brand voice', 'incident response'])[1 + (i * 11 % 17)]
      || ' for ' || (ARRAY['startups', 'enterprises', 'public agencies', 'clinics', 'retailers', 'factories',
                 'schools', 'banks', 'agencies', 'nonprofits', 'hotels', 'farms'])[1 + (i * 5 % 12)]
      || ', with ' || (ARRAY['templates', 'a final assessment', 'office hours', 'a certificate', 'peer review',
                 'sample data'])[1 + (i * 3 % 6)] || ' (edition ' || (i % 97) || ').' AS description
  FROM generate_series(1, :products) AS i
) generated;
SQL
reindex=$(curl -fsS -X POST "$BASE_URL/api/admin/search/reindex" -H "Authorization: Bearer $token")
job=$(echo "$reindex" | json "['id']")
start=$(date +%s)
sampled=
while true; do
  auth
  state=$(curl -fsS "$BASE_URL/api/ai/jobs/$job" -H "Authorization: Bearer $token")
  status=$(echo "$state" | json "['status']")
  [ "$status" = completed ] && break
  [ "$status" = failed ] && { echo "$state"; exit 1; }
  printf '\r%s: %s   ' "$(( $(date +%s) - start )) s" "$(echo "$state" | json "['progress']['message']")"
  if [ -z "$sampled" ] && [ "$EMBED_SAMPLE" -gt 0 ] \
      && [ "$(psql_ -At -c 'SELECT count(embedding) FROM search_chunks')" -ge "$EMBED_SAMPLE" ]; then
    psql_ -At -F ' ' -c "SELECT count(*), round(extract(epoch FROM max(embedded_at) - min(embedded_at))::numeric, 1)
      FROM search_chunks WHERE embedded_at IS NOT NULL" > "$work/embedded.txt"
    sampled=1
    echo; echo "Sampled the embedding throughput; giving the other passages their template twin's vector"
    psql_ <<'SQL'
WITH twins AS (
  SELECT DISTINCT ON (r) r, embedding FROM (
    SELECT (substring(title from '#([0-9]+)$'))::int % 2040 AS r, embedding FROM search_chunks WHERE embedding IS NOT NULL) e
), targets AS (
  SELECT source_type, source_id, ordinal, (substring(title from '#([0-9]+)$'))::int % 2040 AS r
  FROM search_chunks
  WHERE embedding IS NULL AND (substring(title from '#([0-9]+)$'))::int % 2040 IN (SELECT r FROM twins)
  FOR UPDATE SKIP LOCKED
)
UPDATE search_chunks c SET embedding = t.embedding, embedded_at = now()
FROM targets g JOIN twins t ON t.r = g.r
WHERE c.source_type = g.source_type AND c.source_id = g.source_id AND c.ordinal = g.ordinal;
SQL
  fi
  sleep 10
done
echo
auth
output=$(curl -fsS "$BASE_URL/api/ai/jobs/$job/result" -H "Authorization: Bearer $token")
echo "reindex job: $output"
rechunk_seconds=$(psql_ -At -c "SELECT round(extract(epoch FROM (s.completed_at - j.started_at))::numeric, 1)
  FROM ai_job_steps s JOIN ai_jobs j ON j.id = s.job_id WHERE s.job_id = '$job' AND s.step_key = 'rechunk'")
[ -n "$sampled" ] || psql_ -At -F ' ' -c "SELECT count(*), round(extract(epoch FROM max(embedded_at) - min(embedded_at))::numeric, 1)
  FROM search_chunks WHERE embedded_at IS NOT NULL" > "$work/embedded.txt"
read -r embedded seconds < "$work/embedded.txt"
echo "Re-chunking: $PRODUCTS sources in ${rechunk_seconds} s = $(python3 -c "print(round($PRODUCTS / $rechunk_seconds))") sources/s"
echo "Embedding by the model (first to last vector stored): $embedded chunks in $seconds s = $(python3 -c "print(round($embedded / $seconds, 1))") chunks/s"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
log "Restart: the index is rebuilt from the rows (nothing embedded again)"
MIYABI_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/$bench_db MIYABI_DATABASE_USER=postgres \
  MIYABI_HOME="$work/home" MIYABI_DEMO_ENABLED=false MIYABI_ADMIN_PASSWORD="$password" \
  PORT="$port" LOGGING_LEVEL_ROOT=warn LOGGING_LEVEL_DEV_MIYABI_PLATFORM_SEARCH=info MIYABI_PAYMENTS_PROVIDER=sandbox \
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -jar "$jar" >"$work/server2.log" 2>&1 &
server_pid=$!
started=$(date +%s)
for _ in $(seq 1 600); do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server2.log" >&2; exit 1; }
  curl -fsS "$BASE_URL/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
echo "ready after $(( $(date +%s) - started )) s; $(grep -o 'Search index built from [0-9]* chunks in [0-9]* ms' "$work/server2.log")"
auth
echo "index: $(curl -fsS "$BASE_URL/api/admin/search" -H "Authorization: Bearer $token")"

# Queries as people type them: catalogue words, two-word combinations and short sentences.
python3 - "$work" <<'PY'
import random, sys, urllib.parse
random.seed(7)
words = ['python', 'cloud', 'finance', 'design', 'sales', 'security', 'marketing', 'leadership', 'data', 'mobile',
         'legal', 'healthcare', 'retail', 'logistics', 'energy', 'robotics', 'kubernetes', 'accounting', 'hiring',
         'privacy', 'budgets', 'forecasts', 'dashboards', 'contracts', 'onboarding', 'pipelines', 'pricing',
         'bootcamp', 'workshop', 'audit', 'clinic', 'playbook', 'templates', 'coaching', 'quizzes']
sentences = ['how do I plan a yearly budget', 'protect my company from hackers', 'train new sales staff',
             'run containers in production', 'keep patient records safe', 'cut warehouse costs',
             'teach kids to code', 'write better job adverts', 'monitor solar panels', 'respond to a data breach',
             'improve our online shop', 'build reports for managers']
def mix(n, unique):
    out = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            q = random.choice(words)
        elif kind == 1:
            q = ' '.join(random.sample(words, 2))
        else:
            q = random.choice(sentences)
        if unique:
            q += ' ' + random.choice(words) + ' ' + str(i)
        out.append(urllib.parse.quote(q))
    return out
open(sys.argv[1] + '/cached.txt', 'w').write('\n'.join(mix(300, False)) + '\n')
open(sys.argv[1] + '/unique.txt', 'w').write('\n'.join(mix(50000, True)) + '\n')
PY

run() {
  local label=$1 file=$2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/latency.lua "$BASE_URL" -- search "$file" >/dev/null
  local load_before result
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s bench/latency.lua "$BASE_URL" -- search "$file" | grep '^RESULT')
  printf '%-44s %s load=%s→%s\n' "$label" "${result#RESULT }" "$load_before" "$(cut -d' ' -f1 /proc/loadavg)"
}
log "wrk: $CONNECTIONS connections, $THREADS threads, $DURATION each (after $WARMUP warm-up), anonymous"
run "GET /api/search (300 queries, vectors cached)" "$work/cached.txt"
run "GET /api/search (every query new)" "$work/unique.txt"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; server, PostgreSQL and wrk share it; load average now $(cut -d' ' -f1-3 /proc/loadavg)."
