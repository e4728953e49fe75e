# Shared by the scripts that fetch Java programs from Maven Central (reference-tools.sh,
# kafka-broker.sh); source it, do not run it.

# maven_lib <dir> <artifact id of our pom> <what needs it> <dependency XML>: writes a pom.xml of
# ours into <dir> and copies the dependencies and their runtime dependencies into <dir>/lib
# (through lib.partial, so a failed copy leaves no lib).
maven_lib() {
  local dir="$1" name="$2" what="$3" deps="$4"
  command -v mvn >/dev/null || { echo "$what needs Maven (apt-get install -y maven) and Java" >&2; return 1; }
  mkdir -p "$dir"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>perflab</groupId><artifactId>$name</artifactId><version>1</version>
  <dependencies>
    $deps
  </dependencies>
</project>
POM
  rm -rf "$dir/lib.partial"
  mvn -q -B -f "$dir/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/lib.partial" >&2
  rm -rf "$dir/lib" && mv "$dir/lib.partial" "$dir/lib"
}

# kafka_version <repo root>: the Kafka version the messaging experiment pins
# (STRIMZI.kafkaVersion in experiments/messaging/versions.ts), so it is pinned once.
kafka_version() {
  sed -n "s/^ *kafkaVersion: '\([0-9][0-9.]*\)'.*/\1/p" "$1/experiments/messaging/versions.ts"
}
