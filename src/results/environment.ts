/** The environment fingerprint of a local run: machine, OS, kernel and tool versions. */
import * as fs from 'fs';
import * as os from 'os';
import { z } from 'zod';
import { EnvironmentSchema } from './run-result';

/** Where a run was measured. */
export type Environment = z.infer<typeof EnvironmentSchema>;

function osName(): string {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release);
    if (m) return m[1];
  } catch {
    // not Linux, or no os-release: fall back to the platform name
  }
  return `${os.type()} ${os.release()}`;
}

/** Fingerprint of this machine for a run on `target`, with the given tool versions. */
export function localEnvironment(target: string, toolVersions: Readonly<Record<string, string>>): Environment {
  const cpus = os.cpus();
  return {
    target,
    hostname: os.hostname(),
    os: osName(),
    kernel: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCores: Math.max(1, cpus.length),
    memoryBytes: os.totalmem(),
    toolVersions: { node: process.versions.node, ...toolVersions },
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
