#!/usr/bin/env bash
# Run a Java class from the local Kafka classpath (.kafka/libs), e.g.
#   scripts/kafka/run-class.sh org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
# Logging is WARN unless KAFKA_TOOL_LOG_LEVEL is set. Fetches the jars first if needed.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ $# -ge 1 ]] || kafka_die "usage: $0 MAIN_CLASS [ARGS...]"
kafka_check_java
kafka_fetch_libs
kafka_run_class "$@"
