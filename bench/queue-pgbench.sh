#!/usr/bin/env bash
# What bounds the queue's throughput on this machine, without the application: pgbench on ai_jobs itself.
#
#   bench/queue-pgbench.sh [database] [seconds]
#
# An INSERT per transaction (4 and 16 clients); the same with a pg_notify in the transaction (what the
# enqueue did before the JobNotifier); a whole job as plain SQL (INSERT, the claim's UPDATE, the completion's
# UPDATE: three commits; 8 and 16 clients). Connects as PGHOST/PGUSER/PGPASSWORD say (default
# 127.0.0.1, postgres); the database must have the schema (a test database after a test run). Rows it adds
# are deleted at the end.
set -euo pipefail
cd "$(dirname "$0")"
db="${1:-miyabi}"
seconds="${2:-10}"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
uid=$(psql -d "$db" -qAt -c "INSERT INTO users (email, name) VALUES ('pgbench-' || gen_random_uuid() || '@example.test', 'pgbench') RETURNING id")
trap 'psql -d "$db" -q -c "DELETE FROM ai_jobs WHERE job_type LIKE '"'"'pgbench.%'"'"'; DELETE FROM users WHERE id = '"'"'$uid'"'"'"' EXIT
echo "load: $(uptime | sed 's/.*load average: //')"
echo "| pgbench, ${seconds} s | clients | tps |"
echo "|---|---|---|"
for spec in "insert 4" "insert 16" "insert-notify 4" "insert-notify 16" "job-cycle 8" "job-cycle 16"; do
    set -- $spec
    tps=$(pgbench -M extended -n -c "$2" -j 2 -T "$seconds" -D uid="$uid" -f "queue-pgbench/$1.sql" "$db" 2>&1 \
        | sed -n 's/^tps = \([0-9]*\).*/\1/p')
    echo "| $1 | $2 | $tps |"
done
echo "load: $(uptime | sed 's/.*load average: //')"
