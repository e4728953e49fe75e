/**
 * Where the messaging experiment's reference tools live and how they are run: RabbitMQ
 * PerfTest and Kafka's kafka-tools (Maven Central) and natscli's `nats bench` (Go module proxy),
 * installed by scripts/reference-tools.sh into a cache outside the work tree.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STRIMZI } from '../versions';

/** Pinned versions (scripts/reference-tools.sh installs exactly these; kafka-tools at the broker's version). */
export const REFERENCE_VERSIONS = { perfTest: '2.22.1', natscli: 'v0.5.1', kafkaTools: STRIMZI.kafkaVersion } as const;

/** The tools' cache folder: $PERFLAB_REFERENCE_TOOLS, or ~/.cache/perflab/reference-tools. */
export function referenceToolsDir(): string {
  return process.env.PERFLAB_REFERENCE_TOOLS ?? path.join(os.homedir(), '.cache', 'perflab', 'reference-tools');
}

/** What installs the tools. */
export const REFERENCE_INSTALL_HINT = 'run scripts/reference-tools.sh (PerfTest and kafka-tools from Maven Central need mvn and Java; natscli is built with Go)';

/** `<cache>/<name>-<version>/lib` when its `<name>-<version>.jar` is there (the layout scripts/reference-tools.sh's Maven fetch writes). */
function mavenToolLib(name: string, version: string): string | undefined {
  const lib = path.join(referenceToolsDir(), `${name}-${version}`, 'lib');
  return fs.existsSync(path.join(lib, `${name}-${version}.jar`)) ? lib : undefined;
}

/** Folder of PerfTest's jars, when installed. */
export function perfTestLib(): string | undefined {
  return mavenToolLib('perf-test', REFERENCE_VERSIONS.perfTest);
}

/** Folder of kafka-tools' jars (ProducerPerformance, TopicCommand), when installed. */
export function kafkaToolsLib(): string | undefined {
  return mavenToolLib('kafka-tools', REFERENCE_VERSIONS.kafkaTools);
}

/** The `nats` binary, when installed. */
export function natsCli(): string | undefined {
  const bin = path.join(referenceToolsDir(), `natscli-${REFERENCE_VERSIONS.natscli}`, 'bin', 'nats');
  return fs.existsSync(bin) ? bin : undefined;
}

/** GNU time, which reports a command's CPU seconds; absent: no client CPU figure. */
const GNU_TIME = '/usr/bin/time';
const CPU_LINE = /^client-cpu-seconds ([\d.]+) ([\d.]+)$/m;

/** A finished command's output and the CPU seconds it used (user + system), when measurable. */
export interface Captured {
  readonly text: string;
  readonly cpuSeconds?: number;
}

/** Runs a command to completion; resolves to its stdout + stderr and CPU time, rejects with its tail on failure. */
export function capture(command: string, args: readonly string[], timeoutMs: number): Promise<Captured> {
  const timed = fs.existsSync(GNU_TIME);
  const [cmd, argv] = timed ? [GNU_TIME, ['-f', 'client-cpu-seconds %U %S', command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const text = `${stdout}${stderr}`;
      if (err) return reject(new Error(`\`${path.basename(command)} ${args.join(' ')}\` failed: ${err.message}\n${text.split('\n').slice(-15).join('\n')}`));
      const cpu = CPU_LINE.exec(text);
      resolve({ text, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined });
    });
  });
}
