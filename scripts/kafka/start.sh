#!/usr/bin/env bash
# Start a local single-node Apache Kafka 4 broker (KRaft, broker+controller) without Docker.
# Jars come from Maven Central via scripts/kafka/pom.xml (fetched once into .kafka/libs).
#
# Usage: scripts/kafka/start.sh [--fresh]
#   --fresh (or KAFKA_FRESH=1)  stop a running broker, wipe the data dir and format it again
# Env overrides: see common.sh (KAFKA_PORT, KAFKA_HOME_DIR, KAFKA_CONTROLLER_PORT, KAFKA_HEAP_OPTS,
# KAFKA_START_TIMEOUT, JAVA_HOME).
# Exits 0 once the broker serves on 127.0.0.1:$KAFKA_PORT (or already did); non-zero otherwise.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

fresh="${KAFKA_FRESH:-0}"
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) kafka_die "unknown argument: $arg" ;;
  esac
done

# one start.sh at a time per KAFKA_HOME_DIR (parallel callers wait, then see it running)
mkdir -p "$KAFKA_HOME_DIR"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$KAFKA_HOME_DIR/start.lock"
  flock -w "$((KAFKA_START_TIMEOUT + 120))" 9 || kafka_die "another start.sh holds $KAFKA_HOME_DIR/start.lock"
fi

if [[ "$fresh" == "1" ]]; then
  if [[ -n "$(kafka_running_pid)" ]]; then
    "$KAFKA_SCRIPT_DIR/stop.sh"
  fi
  kafka_log "--fresh: wiping $KAFKA_DATA"
  rm -rf "$KAFKA_DATA"
fi

# Ready = port open and the server logged that it started (that line comes after the broker has
# registered with the controller and been unfenced, so metadata requests succeed).
broker_ready() {
  kafka_port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$KAFKA_LOG_FILE" 2>/dev/null
}

pid="$(kafka_running_pid)"
if [[ -n "$pid" ]] && broker_ready; then
  kafka_log "already running (pid $pid) on 127.0.0.1:$KAFKA_PORT"
  exit 0
fi

if [[ -z "$pid" ]]; then
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if kafka_port_open "$p"; then
      kafka_die "port 127.0.0.1:$p is taken by another process (not our broker); set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
    fi
  done
fi

kafka_check_java
mkdir -p "$KAFKA_HOME_DIR" "$KAFKA_DATA" "$KAFKA_LOGS"
kafka_fetch_libs

if [[ -z "$pid" ]]; then
  rm -f "$KAFKA_PID_FILE"

  # config with absolute paths and ports
  sed -e "s|@DATA_DIR@|$KAFKA_DATA|g" \
      -e "s|@PORT@|$KAFKA_PORT|g" \
      -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      "$KAFKA_SCRIPT_DIR/server.properties" >"$KAFKA_CONFIG"

  # format the KRaft storage once
  if [[ ! -f "$KAFKA_DATA/meta.properties" ]]; then
    cluster_id="$(kafka_run_class kafka.tools.StorageTool random-uuid | tail -n 1)"
    kafka_log "formatting $KAFKA_DATA (cluster id $cluster_id)"
    if ! out="$(kafka_run_class kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" 2>&1)"; then
      echo "$out" >&2
      kafka_die "formatting the storage failed"
    fi
  fi

  # keep the previous run's log
  if [[ -f "$KAFKA_LOG_FILE" ]]; then
    mv -f "$KAFKA_LOG_FILE" "$KAFKA_LOG_FILE.1"
  fi

  kafka_log "starting broker on 127.0.0.1:$KAFKA_PORT (log: $KAFKA_LOG_FILE)"
  # setsid: own session, so the broker outlives this shell and its process group.
  # bash writes its own pid then execs java, so the pid file holds the java pid.
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID_FILE" \
    "$KAFKA_JAVA" ${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m} \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" \
    -Dkafka.logs.dir="$KAFKA_LOGS" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG" \
    </dev/null >"$KAFKA_LOG_FILE" 2>&1 9>&- &

  # wait for the pid file
  for _ in $(seq 1 50); do
    [[ -s "$KAFKA_PID_FILE" ]] && break
    sleep 0.1
  done
  pid="$(tr -dc '0-9' <"$KAFKA_PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || kafka_die "broker did not start (no pid)"
else
  kafka_log "broker process $pid exists but is not ready yet; waiting"
fi

t0=$SECONDS
while :; do
  if ! kill -0 "$pid" 2>/dev/null; then
    kafka_log "broker process $pid exited; last lines of $KAFKA_LOG_FILE:"
    tail -n 40 "$KAFKA_LOG_FILE" >&2 || true
    rm -f "$KAFKA_PID_FILE"
    exit 1
  fi
  if broker_ready; then
    break
  fi
  if (( SECONDS - t0 >= KAFKA_START_TIMEOUT )); then
    kafka_log "broker not ready after ${KAFKA_START_TIMEOUT}s; last lines of $KAFKA_LOG_FILE:"
    tail -n 40 "$KAFKA_LOG_FILE" >&2 || true
    "$KAFKA_SCRIPT_DIR/stop.sh" || true
    exit 1
  fi
  sleep 0.5
done
kafka_log "ready on 127.0.0.1:$KAFKA_PORT (pid $pid, $((SECONDS - t0))s)"
