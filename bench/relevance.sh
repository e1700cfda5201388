#!/usr/bin/env bash
# Search relevance on the labelled set in bench/relevance (products.json, queries.json): nDCG@10, recall@10
# and MRR for BM25 alone, vectors alone and the hybrid, overall and per query kind. In memory, no database.
#
#   bench/relevance.sh [min-similarity (0.3)] [keyword-minimum-match (0.75)]
#
# Prints the table written to server/target/bench/relevance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
./mvnw -q -pl server -am test -Dskip.web=true -Dspotless.check.skip=true -Dtest=RelevanceBenchmark \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbench.min-similarity="${1:-0.3}" -Dbench.keyword-minimum-match="${2:-0.75}" \
    -Dlogging.level.root=WARN -Dlogging.level.dev.miyabi.platform.search.internal.RelevanceBenchmark=INFO \
    > server/target/bench-relevance.log 2>&1 || { tail -60 server/target/bench-relevance.log; exit 1; }
cat server/target/bench/relevance.md
