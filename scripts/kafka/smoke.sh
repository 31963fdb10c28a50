#!/usr/bin/env bash
# Check a running local broker: create a 3-partition topic, produce a message, consume it back.
# Usage: scripts/kafka/smoke.sh   (broker started with start.sh; same env overrides)
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

kafka_check_java
kafka_fetch_libs
bs="127.0.0.1:$KAFKA_PORT"
topic="smoke-$(date +%s)-$$"
msg="hello-$RANDOM"

kafka_run_class org.apache.kafka.tools.TopicCommand --bootstrap-server "$bs" \
  --create --topic "$topic" --partitions 3 --replication-factor 1
kafka_run_class org.apache.kafka.tools.TopicCommand --bootstrap-server "$bs" --describe --topic "$topic"

echo "$msg" | kafka_run_class org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bs" --topic "$topic"

got="$(kafka_run_class org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$bs" \
  --topic "$topic" --from-beginning --max-messages 1 --timeout-ms 20000 2>/dev/null || true)"
kafka_run_class org.apache.kafka.tools.TopicCommand --bootstrap-server "$bs" --delete --topic "$topic" || true

if [[ "$got" == "$msg" ]]; then
  echo "[kafka] smoke OK: produced and consumed '$msg' on $topic (3 partitions)"
else
  echo "[kafka] smoke FAILED: expected '$msg', got '$got'" >&2
  exit 1
fi
