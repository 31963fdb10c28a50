#!/usr/bin/env bash
# Stop the local Kafka broker started by start.sh: SIGTERM, wait up to 30 s (KAFKA_STOP_TIMEOUT),
# then SIGKILL. Exits 0 when it was not running.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

timeout="${KAFKA_STOP_TIMEOUT:-30}"
pid="$(kafka_running_pid)"
if [[ -z "$pid" ]]; then
  rm -f "$KAFKA_PID_FILE"
  kafka_log "not running"
  exit 0
fi

kafka_log "stopping broker (pid $pid)"
kill -TERM "$pid" 2>/dev/null || true
t0=$SECONDS
while kill -0 "$pid" 2>/dev/null; do
  if (( SECONDS - t0 >= timeout )); then
    kafka_log "still running after ${timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
    break
  fi
  sleep 0.5
done
rm -f "$KAFKA_PID_FILE"
kafka_log "stopped ($((SECONDS - t0))s)"
