# Shared by the self-contained benchmarks: sourced, not run. Expects to run from the repository root.

log() { printf '\n== %s\n' "$*"; }

# require COMMAND PACKAGE: installs the Debian package when root, else explains what is missing.
require() {
  local command=$1 package=$2
  if ! command -v "$command" >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "Installing $package..."
      apt-get install -y -q "$package" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "$package" >/dev/null; }
    else
      echo "$command is missing: install $package (e.g. sudo apt-get install $package)" >&2
      exit 1
    fi
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Exports JAVA_HOME (a JDK 25+) and builds server/target/miyabi-server.jar when a source is newer.
server_jar() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
    if [ -n "$candidate" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
      export JAVA_HOME=$candidate; break
    fi
  done
  jar=server/target/miyabi-server.jar
  if [ -n "${SERVER_JAR:-}" ]; then jar=$SERVER_JAR; return 0; fi
  if [ ! -f "$jar" ] || [ -n "$(find server/src pom.xml server/pom.xml -newer "$jar" -type f -print -quit)" ]; then
    echo "Building the server jar..."
    ./mvnw -q -B -DskipTests -pl server -am package
  fi
}

# start_server LOG [ENV=VALUE...]: starts the jar on $port against $bench_db with the given settings
# added and the JVM options of run.sh (JVM_OPTIONS, a java @argument file: server/jvm.options by default),
# then SERVER_OPTS; sets server_pid, and waits until it is ready.
start_server() {
  local log_file=$1; shift
  # shellcheck disable=SC2086
  env MIYABI_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$bench_db" MIYABI_DATABASE_USER=postgres \
    MIYABI_HOME="$work/home" MIYABI_DEMO_ENABLED=false PORT="$port" LOGGING_LEVEL_ROOT=warn \
    MIYABI_PAYMENTS_PROVIDER=sandbox MIYABI_AUTH_REGISTRATIONS_PER_ADDRESS=100000 "$@" \
    "$JAVA_HOME/bin/java" "@${JVM_OPTIONS:-server/jvm.options}" ${SERVER_OPTS:-} -jar "$jar" >"$log_file" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do
    kill -0 "$server_pid" 2>/dev/null || { cat "$log_file" >&2; exit 1; }
    curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "The server did not become ready in 240 s" >&2
  exit 1
}
