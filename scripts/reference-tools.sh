#!/usr/bin/env bash
# The messaging experiment's reference tools, built or fetched from their published artifacts into
# a cache outside the work tree (default ~/.cache/perflab/reference-tools, or $PERFLAB_REFERENCE_TOOLS):
#   - RabbitMQ PerfTest 2.22.1 from Maven Central (com.rabbitmq:perf-test and its runtime
#     dependencies, copied by mvn into perf-test-<v>/lib; run: java -cp 'lib/*' com.rabbitmq.perf.PerfTest);
#   - natscli v0.5.1 (`nats bench`) from the Go module proxy, `go build` from a go.mod of ours.
# Present tools are left alone, so the script is cheap to re-run. Prints the tools' paths.
# Usage: scripts/reference-tools.sh [perftest|natscli]...   (default: both)
set -euo pipefail
PERFTEST_VERSION=2.22.1
NATSCLI_VERSION=v0.5.1
CACHE="${PERFLAB_REFERENCE_TOOLS:-$HOME/.cache/perflab/reference-tools}"
mkdir -p "$CACHE"

perftest() {
  local dir="$CACHE/perf-test-$PERFTEST_VERSION"
  if [ ! -f "$dir/lib/perf-test-$PERFTEST_VERSION.jar" ]; then
    command -v mvn >/dev/null || { echo "PerfTest needs Maven (apt-get install -y maven) and Java ≥ 11" >&2; return 1; }
    mkdir -p "$dir"
    cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>perflab</groupId><artifactId>reference-perf-test</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>com.rabbitmq</groupId><artifactId>perf-test</artifactId><version>$PERFTEST_VERSION</version></dependency>
  </dependencies>
</project>
POM
    mvn -q -B -f "$dir/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/lib.partial" >&2
    rm -rf "$dir/lib" && mv "$dir/lib.partial" "$dir/lib"
  fi
  echo "perftest $dir/lib"
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

tools=("$@"); [ ${#tools[@]} -gt 0 ] || tools=(perftest natscli)
for t in "${tools[@]}"; do
  case "$t" in
    perftest) perftest ;;
    natscli) natscli ;;
    *) echo "unknown tool $t (perftest, natscli)" >&2; exit 2 ;;
  esac
done
