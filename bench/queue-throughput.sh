#!/usr/bin/env bash
# Queue throughput: no-op AI jobs from enqueue to completion with one and two worker pools
# ("instances": own instance id and connection pool each) on one PostgreSQL.
#
#   bench/queue-throughput.sh [jobs] [workers-per-instance] [enqueuing-threads] [instance-counts, e.g. 1,2]
#
# Uses the database the tests use (MIYABI_TEST_DATABASE_URL, else a throwaway database on
# 127.0.0.1:5432, else an embedded PostgreSQL). Prints the table written to
# server/target/bench/queue-throughput.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
jobs="${1:-5000}"
workers="${2:-8}"
enqueuers="${3:-4}"
instances="${4:-1,2}"
mkdir -p server/target
./mvnw -q -pl server -am test -Dskip.web=true -Dspotless.check.skip=true -Djacoco.skip=true -Dtest=QueueThroughputBenchmark \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.jobs="$jobs" -Dbench.workers="$workers" -Dbench.enqueuers="$enqueuers" -Dbench.instances="$instances" \
    -Dlogging.level.root=WARN -Dlogging.level.dev.miyabi.platform.aijobs.internal.QueueThroughputBenchmark=INFO \
    > server/target/bench-run.log 2>&1 || { tail -50 server/target/bench-run.log; exit 1; }
cat server/target/bench/queue-throughput.md
