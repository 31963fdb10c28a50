# Shared settings for start.sh, stop.sh, run-class.sh and smoke.sh. Sourced, not run.
# Env overrides:
#   KAFKA_HOME_DIR         where jars, data, logs and the pid file live (default <repo>/.kafka)
#   KAFKA_PORT             PLAINTEXT listener on 127.0.0.1 (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener on 127.0.0.1 (default 9093)
#   KAFKA_HEAP_OPTS        broker heap (default -Xms128m -Xmx512m)
#   KAFKA_START_TIMEOUT    seconds start.sh waits for the broker (default 90)
#   JAVA_HOME              Java 17+ to use (default: java on PATH)

KAFKA_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
KAFKA_REPO_ROOT="$(cd "$KAFKA_SCRIPT_DIR/../.." && pwd -P)"

KAFKA_HOME_DIR="${KAFKA_HOME_DIR:-$KAFKA_REPO_ROOT/.kafka}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"

KAFKA_LIBS="$KAFKA_HOME_DIR/libs"
KAFKA_DATA="$KAFKA_HOME_DIR/data"
KAFKA_LOGS="$KAFKA_HOME_DIR/logs"
KAFKA_PID_FILE="$KAFKA_HOME_DIR/kafka.pid"
KAFKA_CONFIG="$KAFKA_HOME_DIR/server.properties"
KAFKA_LOG_FILE="$KAFKA_LOGS/server.log"
KAFKA_LOG4J="$KAFKA_SCRIPT_DIR/log4j2.properties"
KAFKA_POM="$KAFKA_SCRIPT_DIR/pom.xml"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  KAFKA_JAVA="$JAVA_HOME/bin/java"
else
  KAFKA_JAVA="java"
fi

kafka_log() { echo "[kafka] $*" >&2; }
kafka_die() { echo "[kafka] ERROR: $*" >&2; exit 1; }

# Java major version of $KAFKA_JAVA, or nothing.
kafka_java_major() {
  "$KAFKA_JAVA" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

kafka_check_java() {
  command -v "$KAFKA_JAVA" >/dev/null 2>&1 || kafka_die "java not found (install a JDK 17+ or set JAVA_HOME)"
  local major
  major="$(kafka_java_major)"
  [[ "$major" =~ ^[0-9]+$ ]] || kafka_die "cannot tell the version of $KAFKA_JAVA"
  (( major >= 17 )) || kafka_die "Kafka 4 needs Java 17+, $KAFKA_JAVA is Java $major (set JAVA_HOME)"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
kafka_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Pid from the pid file when that process is alive and is our broker; nothing otherwise.
kafka_running_pid() {
  [[ -f "$KAFKA_PID_FILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$KAFKA_PID_FILE")"
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  # guard against a recycled pid: the command line must be our broker
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka'; then
    return 0
  fi
  echo "$pid"
}

# Fetch the jars into $KAFKA_LIBS unless they are there for this very pom.
kafka_fetch_libs() {
  local want marker="$KAFKA_LIBS/.fetched"
  want="$(sha256sum "$KAFKA_POM" | cut -d' ' -f1)"
  if [[ -f "$marker" && "$(cat "$marker")" == "$want" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || kafka_die "Maven (mvn) is needed to fetch the Kafka jars"
  kafka_log "fetching Kafka jars with Maven into $KAFKA_LIBS ..."
  local t0=$SECONDS tmp="$KAFKA_HOME_DIR/libs.tmp"
  rm -rf "$tmp"
  mkdir -p "$KAFKA_HOME_DIR"
  # (Maven 3.8 prints stray ANSI resets even with -q -B: strip them)
  if ! mvn -q -B -f "$KAFKA_POM" dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime 2>&1 \
      | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2; then
    rm -rf "$tmp"
    kafka_die "Maven could not fetch the Kafka jars"
  fi
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  echo "$want" >"$marker"
  kafka_log "fetched $(ls "$KAFKA_LIBS" | grep -c '\.jar$') jars in $((SECONDS - t0))s"
}

# Run a Java main class with the Kafka classpath and quiet logging: kafka_run_class CLASS ARGS...
kafka_run_class() {
  local cls="$1"
  shift
  "$KAFKA_JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dkafka.root.level="${KAFKA_TOOL_LOG_LEVEL:-WARN}" \
    -cp "$KAFKA_LIBS/*" "$cls" "$@"
}
