/**
 * Builds mqbench (experiments/messaging/harness, Go) for the local target: `go build` into
 * .perflab/mqbench/ at the repo root (git-ignored; Go's build cache makes rebuilds take about
 * a second). PERFLAB_MQBENCH names a prebuilt binary instead.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCommand, toolchainVersion } from '../../../src/local/commands';

/** The harness's Go module. */
export const HARNESS_DIR = path.resolve(__dirname, '..', 'harness');
/** Where the local build goes. */
export const HARNESS_BINARY = path.resolve(__dirname, '..', '..', '..', '.perflab', 'mqbench', 'mqbench');
/** Environment variable naming a prebuilt mqbench. */
export const HARNESS_BINARY_ENV = 'PERFLAB_MQBENCH';
/** Oldest Go that builds the harness (its go.mod's `go` line). */
export const GO_MIN_VERSION = [1, 26] as const;
/** What to install when Go is missing or too old. */
export const GO_INSTALL_HINT = `the messaging harness (mqbench) is built with Go ≥ ${GO_MIN_VERSION.join('.')}: install it from https://go.dev/dl/ (Debian's golang-go is older), or set ${HARNESS_BINARY_ENV} to a prebuilt mqbench`;

/** The Go version line when a new enough Go is on PATH; otherwise undefined. */
export function usableGo(): string | undefined {
  const line = toolchainVersion({ command: 'go', versionArgs: ['version'], installHint: GO_INSTALL_HINT });
  const m = line ? /go(\d+)\.(\d+)/.exec(line) : null;
  if (!line || !m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > GO_MIN_VERSION[0] || (major === GO_MIN_VERSION[0] && minor >= GO_MIN_VERSION[1]) ? line : undefined;
}

/** Whether the harness can be had: a prebuilt binary, or a Go to build it with. */
export function harnessAvailable(): boolean {
  const prebuilt = process.env[HARNESS_BINARY_ENV];
  return prebuilt ? fs.existsSync(prebuilt) : usableGo() !== undefined;
}

/** Path of a ready mqbench: the prebuilt one, or a fresh build. */
export async function buildHarness(): Promise<string> {
  const prebuilt = process.env[HARNESS_BINARY_ENV];
  if (prebuilt) {
    if (!fs.existsSync(prebuilt)) throw new Error(`${HARNESS_BINARY_ENV}=${prebuilt}: no such file`);
    return prebuilt;
  }
  fs.mkdirSync(path.dirname(HARNESS_BINARY), { recursive: true });
  await runCommand({ command: 'go', args: ['build', '-trimpath', '-o', HARNESS_BINARY, '.'], cwd: HARNESS_DIR, env: { CGO_ENABLED: '0' } }, 'build mqbench');
  return HARNESS_BINARY;
}
