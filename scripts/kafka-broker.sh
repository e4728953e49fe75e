#!/usr/bin/env bash
# The Kafka broker of the messaging experiment's local target, fetched from Maven Central into a
# cache outside the work tree (default ~/.cache/perflab/kafka-<version>/lib, or
# $PERFLAB_KAFKA_HOME/kafka-<version>/lib): org.apache.kafka:kafka_2.13 and its runtime
# dependencies (kafka-server, kafka-raft, kafka-storage, kafka-metadata, ... come transitively),
# copied by mvn from a pom.xml of ours. The version is the one Strimzi runs on clusters
# (STRIMZI.kafkaVersion in experiments/messaging/versions.ts), read from that file so it is
# pinned once. A present lib folder is left alone, so the script is cheap to re-run. Prints the
# lib folder. Run: java -cp '<lib>/*' kafka.Kafka server.properties
# (experiments/messaging/local/kafka-broker.ts does it).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/maven.sh
source "$ROOT/scripts/lib/maven.sh"
VERSION="$(kafka_version "$ROOT")"
[ -n "$VERSION" ] || { echo "kafkaVersion not found in experiments/messaging/versions.ts" >&2; exit 1; }
# kafka_2.13 logs through SLF4J 1.7 and brings log4j-core without a binding between them (the
# binary distribution adds one to its libs/): log4j-slf4j-impl at the log4j-core version it brings.
LOG4J_VERSION=2.24.3
CACHE="${PERFLAB_KAFKA_HOME:-$HOME/.cache/perflab}"
dir="$CACHE/kafka-$VERSION"
if [ ! -f "$dir/lib/kafka_2.13-$VERSION.jar" ] || [ ! -f "$dir/lib/log4j-slf4j-impl-$LOG4J_VERSION.jar" ]; then
  maven_lib "$dir" local-kafka-broker "the local Kafka broker (Java ≥ 17)" \
    "<dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J_VERSION</version></dependency>"
fi
echo "$dir/lib"
