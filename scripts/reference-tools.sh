#!/usr/bin/env bash
# The messaging experiment's reference tools, built or fetched from their published artifacts into
# a cache outside the work tree (default ~/.cache/perflab/reference-tools, or $PERFLAB_REFERENCE_TOOLS):
#   - RabbitMQ PerfTest 2.22.1 from Maven Central (com.rabbitmq:perf-test and its runtime
#     dependencies, copied by mvn into perf-test-<v>/lib; run: java -cp 'lib/*' com.rabbitmq.perf.PerfTest);
#   - natscli v0.5.1 (`nats bench`) from the Go module proxy, `go build` from a go.mod of ours;
#   - Kafka's ProducerPerformance (what bin/kafka-producer-perf-test.sh runs) from Maven Central:
#     org.apache.kafka:kafka-tools at the local broker's version (STRIMZI.kafkaVersion in
#     experiments/messaging/versions.ts, read from that file so it is pinned once) and its runtime
#     dependencies, copied by mvn into kafka-tools-<v>/lib;
#     run: java -cp 'lib/*' org.apache.kafka.tools.ProducerPerformance.
# Present tools are left alone, so the script is cheap to re-run. Prints the tools' paths.
# Usage: scripts/reference-tools.sh [perftest|natscli|kafka-tools]...   (default: all three)
set -euo pipefail
PERFTEST_VERSION=2.22.1
NATSCLI_VERSION=v0.5.1
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/maven.sh
source "$ROOT/scripts/lib/maven.sh"
KAFKA_VERSION="$(kafka_version "$ROOT")"
CACHE="${PERFLAB_REFERENCE_TOOLS:-$HOME/.cache/perflab/reference-tools}"
mkdir -p "$CACHE"

perftest() {
  local dir="$CACHE/perf-test-$PERFTEST_VERSION"
  if [ ! -f "$dir/lib/perf-test-$PERFTEST_VERSION.jar" ]; then
    maven_lib "$dir" reference-perf-test PerfTest \
      "<dependency><groupId>com.rabbitmq</groupId><artifactId>perf-test</artifactId><version>$PERFTEST_VERSION</version></dependency>"
  fi
  echo "perftest $dir/lib"
}

kafka_tools() {
  [ -n "$KAFKA_VERSION" ] || { echo "kafkaVersion not found in experiments/messaging/versions.ts" >&2; return 1; }
  local dir="$CACHE/kafka-tools-$KAFKA_VERSION"
  if [ ! -f "$dir/lib/kafka-tools-$KAFKA_VERSION.jar" ]; then
    maven_lib "$dir" reference-kafka-tools "Kafka's ProducerPerformance" \
      "<dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>"
  fi
  echo "kafka-tools $dir/lib"
}

natscli() {
  local dir="$CACHE/natscli-$NATSCLI_VERSION"
  if [ ! -x "$dir/bin/nats" ]; then
    command -v go >/dev/null || { echo "natscli needs Go (see the messaging README)" >&2; return 1; }
    mkdir -p "$dir/src"
    ( cd "$dir/src"
      [ -f go.mod ] || go mod init perflab/reference-natscli >/dev/null 2>&1
      go get "github.com/nats-io/natscli/nats@$NATSCLI_VERSION" >&2
      CGO_ENABLED=0 go build -trimpath -o "$dir/bin/nats.partial" github.com/nats-io/natscli/nats >&2 )
    mv "$dir/bin/nats.partial" "$dir/bin/nats"
  fi
  echo "natscli $dir/bin/nats"
}

tools=("$@"); [ ${#tools[@]} -gt 0 ] || tools=(perftest natscli kafka-tools)
for t in "${tools[@]}"; do
  case "$t" in
    perftest) perftest ;;
    natscli) natscli ;;
    kafka-tools) kafka_tools ;;
    *) echo "unknown tool $t (perftest, natscli, kafka-tools)" >&2; exit 2 ;;
  esac
done
