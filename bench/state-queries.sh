#!/usr/bin/env bash
# State and metrics SQL at volume: what a state resync (counts by status, recent items, the agent queue)
# and one GET /api/admin/metrics/summary?hours=168 cost on a large database, and why the state keeps its
# counts from events between resyncs instead of counting on every event.
#
#   bench/state-queries.sh
#       Creates a database miyabi_bench_state_<pid> on the local PostgreSQL (127.0.0.1:5432, user
#       postgres), applies the migrations, generates ORDERS orders, JOBS AI jobs, TASKS agent tasks over
#       the last 7 days and a week of latency buckets from 4 instances, runs every query RUNS times
#       (EXPLAIN ANALYZE, execution time) and prints min/median in ms; drops the database (KEEP=1 keeps it).
#
# Settings: ORDERS (300000), JOBS (300000), TASKS (50000), RUNS (7).
set -euo pipefail
cd "$(dirname "$0")/.."

ORDERS=${ORDERS:-300000}
JOBS=${JOBS:-300000}
TASKS=${TASKS:-50000}
RUNS=${RUNS:-7}
db=miyabi_bench_state_$$
psql_admin=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q -X)
psql_db=("${psql_admin[@]}" -d "$db")

cleanup() {
  if [ "${KEEP:-0}" != 1 ]; then
    "${psql_admin[@]}" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  else
    echo "Kept database $db"
  fi
}
trap cleanup EXIT

"${psql_admin[@]}" -c "CREATE DATABASE $db" >/dev/null
# Migrations in version order, as Flyway applies them.
for file in $(ls server/src/main/resources/db/migration/*/V*.sql | awk -F/ '{print $NF" "$0}' \
    | sed 's/^V\([0-9]*\)__/\1 /' | sort -n | awk '{print $3}'); do
  "${psql_db[@]}" -f "$file" >/dev/null
done

echo "Generating $ORDERS orders, $JOBS jobs, $TASKS agent tasks, latency buckets…"
"${psql_db[@]}" <<SQL >/dev/null
INSERT INTO users (email, name) SELECT 'bench' || i || '@example.test', 'Bench ' || i FROM generate_series(1, 2000) i;
INSERT INTO products (name, price, category, status)
SELECT 'Product ' || i, 10 + i % 90, (ARRAY['ai_course_generation','ai_document_generation','ai_search_service',
       'business_consulting','technical_support'])[1 + i % 5], (ARRAY['active','active','active','draft','archived'])[1 + i % 5]
FROM generate_series(1, 1000) i;
CREATE TEMP TABLE u AS SELECT row_number() OVER () AS n, id FROM users;
CREATE TEMP TABLE p AS SELECT row_number() OVER () AS n, id, category FROM products;
INSERT INTO orders (user_id, product_id, product_name, category, quantity, unit_price, currency, status,
                    total_amount, created_at, updated_at, completed_at)
SELECT u.id, p.id, 'Product', p.category, 1, 50, 'USD', s.status, 50,
       now() - (i % 10080) * INTERVAL '1 minute',
       now() - (i % 10080) * INTERVAL '1 minute' + INTERVAL '5 minutes',
       CASE WHEN s.status = 'completed' THEN now() - (i % 10080) * INTERVAL '1 minute' + INTERVAL '5 minutes' END
FROM generate_series(1, $ORDERS) i
JOIN u ON u.n = 1 + i % 2000 JOIN p ON p.n = 1 + i % 1000
CROSS JOIN LATERAL (SELECT (ARRAY['completed','completed','completed','completed','cancelled','failed','awaiting_payment',
       'paid','fulfilling','rejected'])[1 + (i * 7) % 10] AS status) s;
INSERT INTO ai_jobs (job_type, user_id, status, input_params, created_at, started_at, completed_at, updated_at)
SELECT 'course_generation', u.id, s.status, '{}', now() - (i % 10080) * INTERVAL '1 minute',
       now() - (i % 10080) * INTERVAL '1 minute',
       CASE WHEN s.status IN ('completed','failed','cancelled') THEN now() - (i % 10080) * INTERVAL '1 minute' + INTERVAL '2 minutes' END,
       now() - (i % 10080) * INTERVAL '1 minute' + INTERVAL '2 minutes'
FROM generate_series(1, $JOBS) i JOIN u ON u.n = 1 + i % 2000
CROSS JOIN LATERAL (SELECT (ARRAY['completed','completed','completed','completed','completed','completed','failed',
       'cancelled','queued','completed'])[1 + (i * 3) % 10] AS status) s;
INSERT INTO agent_tasks (title, agent_type, status, execution, priority, duration_ms, created_at)
SELECT 'Task ' || i, (ARRAY['course_generator','document_generator','content_search','payment_processor',
       'approval_workflow'])[1 + i % 5], (ARRAY['completed','completed','completed','failed','submitted','working',
       'cancelled','completed'])[1 + (i * 5) % 8], 'manual', i % 7, 1000 + i % 5000, now() - (i % 10080) * INTERVAL '1 minute'
FROM generate_series(1, $TASKS) i;
INSERT INTO api_latency_buckets (hour, instance_id, bucket_le_ms, count)
SELECT date_trunc('hour', now(), 'UTC') - h * INTERVAL '1 hour', 'instance-' || inst, b, 1 + (h * (b % 1000) + inst) % 500
FROM generate_series(0, 167) h, generate_series(1, 4) inst,
     unnest(ARRAY[5,10,15,20,30,40,50,75,100,150,200,300,400,500,750,1000,1500,2000,3000,5000,10000,30000,2147483647]) b;
ANALYZE;
SQL

measure() {
  local name=$1 sql=$2 times=()
  for _ in $(seq 1 "$RUNS"); do
    times+=("$("${psql_db[@]}" -At -c "EXPLAIN (ANALYZE, FORMAT JSON) $sql" \
      | grep -o '"Execution Time": [0-9.]*' | awk '{print $3}')")
  done
  printf '%-52s min %8.1f ms   median %8.1f ms\n' "$name" \
    "$(printf '%s\n' "${times[@]}" | sort -g | head -1)" \
    "$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

from="date_trunc('hour', now(), 'UTC') - INTERVAL '167 hours'"
echo
echo "Resync (once a minute per instance, and at start):"
measure "orders by status" "SELECT status, count(*) FROM orders GROUP BY status"
measure "ai_jobs by status" "SELECT status, count(*) FROM ai_jobs GROUP BY status"
measure "products by status" "SELECT status, count(*) FROM products GROUP BY status"
measure "agent_tasks per agent and status" "SELECT agent_type, status, count(*), coalesce(sum(duration_ms), 0), count(duration_ms) FROM agent_tasks GROUP BY agent_type, status"
measure "10 newest orders" "SELECT id FROM orders ORDER BY created_at DESC, id ASC LIMIT 10"
measure "agent queue (20 open tasks)" "SELECT id FROM agent_tasks WHERE status IN ('submitted', 'working') ORDER BY priority DESC, created_at, id LIMIT 20"
echo
echo "GET /api/admin/metrics/summary?hours=168:"
measure "orders per hour (created, ended)" "WITH created AS (SELECT date_trunc('hour', created_at, 'UTC') AS hour, count(*) AS created FROM orders WHERE created_at >= $from AND created_at < now() GROUP BY 1), ended AS (SELECT date_trunc('hour', coalesce(completed_at, updated_at), 'UTC') AS hour, count(*) FILTER (WHERE status = 'completed') AS completed FROM orders WHERE status IN ('completed', 'failed', 'cancelled', 'rejected') AND coalesce(completed_at, updated_at) >= $from AND coalesce(completed_at, updated_at) < now() GROUP BY 1) SELECT * FROM created c FULL JOIN ended e ON e.hour = c.hour"
measure "jobs per hour (created, ended)" "WITH created AS (SELECT date_trunc('hour', created_at, 'UTC') AS hour, count(*) AS created FROM ai_jobs WHERE created_at >= $from AND created_at < now() GROUP BY 1), ended AS (SELECT date_trunc('hour', completed_at, 'UTC') AS hour, count(*) FILTER (WHERE status = 'completed') AS completed FROM ai_jobs WHERE completed_at >= $from AND completed_at < now() GROUP BY 1) SELECT * FROM created c FULL JOIN ended e ON e.hour = c.hour"
measure "p95 per hour and overall (4 instances)" "WITH bounds AS (SELECT le, coalesce(lag(le) OVER (ORDER BY le), 0) AS lower FROM unnest(ARRAY[5,10,15,20,30,40,50,75,100,150,200,300,400,500,750,1000,1500,2000,3000,5000,10000,30000,2147483647]) AS b (le)), merged AS (SELECT hour, bucket_le_ms AS le, sum(count) AS n FROM api_latency_buckets WHERE hour >= $from AND hour < now() GROUP BY GROUPING SETS ((hour, bucket_le_ms), (bucket_le_ms))), running AS (SELECT m.hour, m.le, b.lower, m.n, sum(m.n) OVER (PARTITION BY m.hour ORDER BY m.le) AS cumulative, sum(m.n) OVER (PARTITION BY m.hour) AS total FROM merged m JOIN bounds b ON b.le = m.le) SELECT DISTINCT ON (hour) hour, total, CASE WHEN le = 2147483647 THEN lower ELSE lower + (le - lower) * (0.95 * total - (cumulative - n)) / n END FROM running WHERE cumulative >= 0.95 * total ORDER BY hour, le"
