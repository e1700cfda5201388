#!/usr/bin/env bash
# Offline course generation time: the pure generation (offline writer + schema validation of every
# answer) and whole course_generation jobs through the queue in the application (durable steps,
# storage, completion), plus the PDF export of one course.
#
#   bench/course-generation.sh [courses] [hours]
#
# Uses the database the tests use (MIYABI_TEST_DATABASE_URL, else a throwaway database on
# 127.0.0.1:5432, else an embedded PostgreSQL). Prints the table written to
# server/target/bench/course-generation.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
courses="${1:-40}"
hours="${2:-6}"
./mvnw -q -pl server -am test -Dskip.web=true -Dspotless.check.skip=true -Dtest=CourseGenerationBenchmark \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbench.courses="$courses" -Dbench.hours="$hours" \
    -Dlogging.level.root=WARN \
    > server/target/bench-course-run.log 2>&1 || { tail -50 server/target/bench-course-run.log; exit 1; }
cat server/target/bench/course-generation.md
