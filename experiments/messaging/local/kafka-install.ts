/**
 * Where the local Kafka broker comes from: the jars of org.apache.kafka:kafka_2.13 at
 * STRIMZI.kafkaVersion (the Kafka the cluster runs) and its runtime dependencies, fetched from
 * Maven Central by scripts/kafka-broker.sh into `~/.cache/perflab/kafka-<version>/lib` (or
 * `$PERFLAB_KAFKA_HOME/kafka-<version>/lib`), run by a Java ≥ 17 on PATH (Kafka 4 brokers need 17).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { STRIMZI } from '../versions';

/** Environment variable of the cache folder the script and the broker share. */
export const KAFKA_HOME_ENV = 'PERFLAB_KAFKA_HOME';
/** Lowest Java feature release a Kafka 4 broker runs on. */
export const KAFKA_MIN_JAVA = 17;
/** The command that fetches the broker's jars. */
export const KAFKA_FETCH_COMMAND = 'bash scripts/kafka-broker.sh';

/** The folder holding the broker's jars (its classpath is `<folder>/*`). */
export function kafkaLibDir(version: string = STRIMZI.kafkaVersion): string {
  const cache = process.env[KAFKA_HOME_ENV] || path.join(os.homedir(), '.cache', 'perflab');
  return path.join(cache, `kafka-${version}`, 'lib');
}

/** The feature release of the `java` on PATH (17 for `openjdk version "17.0.15"`), or undefined when there is none. */
export function javaFeatureVersion(): number | undefined {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 20_000, env: process.env });
  if (r.error || r.status !== 0) return undefined;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m) return undefined;
  // Java 8 and older print 1.<feature>.
  return m[1] === '1' && m[2] ? Number(m[2]) : Number(m[1]);
}

/** What the local Kafka broker lacks (Java, or the jars), and the command that fixes it; undefined when it can run. */
export function kafkaMissing(java = javaFeatureVersion()): { what: string; hint: string } | undefined {
  if (java === undefined || java < KAFKA_MIN_JAVA) {
    return {
      what: java === undefined ? 'Java (java on PATH)' : `Java ${KAFKA_MIN_JAVA} (java on PATH is ${java})`,
      hint: `install Java ${KAFKA_MIN_JAVA} and Maven, then fetch the broker: apt-get install -y openjdk-17-jre-headless maven && ${KAFKA_FETCH_COMMAND}`,
    };
  }
  const jar = path.join(kafkaLibDir(), `kafka_2.13-${STRIMZI.kafkaVersion}.jar`);
  if (!fs.existsSync(jar)) {
    return { what: `the Kafka ${STRIMZI.kafkaVersion} broker (${jar})`, hint: `fetch it from Maven Central: ${KAFKA_FETCH_COMMAND}` };
  }
  return undefined;
}

/** `Kafka 4.1.1 (Java 17)` when the broker can run here, else undefined. */
export function kafkaInstalledVersion(): string | undefined {
  const java = javaFeatureVersion();
  return kafkaMissing(java) ? undefined : `Kafka ${STRIMZI.kafkaVersion} (Java ${java})`;
}
