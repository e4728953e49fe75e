/**
 * Where the messaging experiment's reference tools live and how they are run: RabbitMQ
 * PerfTest (Maven Central) and natscli's `nats bench` (Go module proxy), installed by
 * scripts/reference-tools.sh into a cache outside the work tree.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Pinned versions (scripts/reference-tools.sh installs exactly these). */
export const REFERENCE_VERSIONS = { perfTest: '2.22.1', natscli: 'v0.5.1' } as const;

/** The tools' cache folder: $PERFLAB_REFERENCE_TOOLS, or ~/.cache/perflab/reference-tools. */
export function referenceToolsDir(): string {
  return process.env.PERFLAB_REFERENCE_TOOLS ?? path.join(os.homedir(), '.cache', 'perflab', 'reference-tools');
}

/** What installs the tools. */
export const REFERENCE_INSTALL_HINT = 'run scripts/reference-tools.sh (PerfTest from Maven Central needs mvn and Java; natscli is built with Go)';

/** Folder of PerfTest's jars, when installed. */
export function perfTestLib(): string | undefined {
  const lib = path.join(referenceToolsDir(), `perf-test-${REFERENCE_VERSIONS.perfTest}`, 'lib');
  return fs.existsSync(path.join(lib, `perf-test-${REFERENCE_VERSIONS.perfTest}.jar`)) ? lib : undefined;
}

/** The `nats` binary, when installed. */
export function natsCli(): string | undefined {
  const bin = path.join(referenceToolsDir(), `natscli-${REFERENCE_VERSIONS.natscli}`, 'bin', 'nats');
  return fs.existsSync(bin) ? bin : undefined;
}

/** Runs a command to completion; resolves to stdout + stderr, rejects with its tail on failure. */
export function capture(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const text = `${stdout}${stderr}`;
      if (err) reject(new Error(`\`${path.basename(command)} ${args.join(' ')}\` failed: ${err.message}\n${text.split('\n').slice(-15).join('\n')}`));
      else resolve(text);
    });
  });
}
