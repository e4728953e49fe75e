/**
 * tpccstyle (experiments/database/tpcc-style, Go) for the local target: `go build` on first use
 * into .perflab/tpccstyle/ at the repo root (git-ignored; Go's build cache makes a rebuild of
 * unchanged sources take about a second). PERFLAB_TPCCSTYLE names a prebuilt binary instead.
 * The Go check is the messaging harness's (same minimum Go), reused rather than repeated.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCommand } from '../../../src/local/commands';
import { GO_MIN_VERSION, usableGo } from '../../messaging/local/harness-binary';

/** The driver's Go module. */
export const TPCC_STYLE_DIR = path.resolve(__dirname, '..', 'tpcc-style');
/** Where the local build goes. */
export const TPCC_STYLE_BINARY = path.resolve(__dirname, '..', '..', '..', '.perflab', 'tpccstyle', 'tpccstyle');
/** Environment variable naming a prebuilt tpccstyle. */
export const TPCC_STYLE_BINARY_ENV = 'PERFLAB_TPCCSTYLE';
/** What to do when Go is missing or too old. */
export const TPCC_STYLE_INSTALL_HINT = `the tpcc-style workload's driver is built with Go ≥ ${GO_MIN_VERSION.join('.')}: install it from https://go.dev/dl/ (Debian's golang-go is older), or set ${TPCC_STYLE_BINARY_ENV} to a prebuilt tpccstyle`;

/** Whether the driver can be had: a prebuilt binary, or a Go to build it with. */
export function tpccStyleAvailable(): boolean {
  const prebuilt = process.env[TPCC_STYLE_BINARY_ENV];
  return prebuilt ? fs.existsSync(prebuilt) : usableGo() !== undefined;
}

/** Path of a ready tpccstyle: the prebuilt one, or a fresh build (an error saying how to get Go when there is none). */
export async function buildTpccStyle(signal?: AbortSignal): Promise<string> {
  const prebuilt = process.env[TPCC_STYLE_BINARY_ENV];
  if (prebuilt) {
    if (!fs.existsSync(prebuilt)) throw new Error(`${TPCC_STYLE_BINARY_ENV}=${prebuilt}: no such file`);
    return prebuilt;
  }
  if (!usableGo()) throw new Error(`tpccstyle: no usable Go on PATH — ${TPCC_STYLE_INSTALL_HINT}`);
  fs.mkdirSync(path.dirname(TPCC_STYLE_BINARY), { recursive: true });
  // Built beside its final name and renamed, so a concurrent run never starts half a binary.
  const partial = `${TPCC_STYLE_BINARY}.${process.pid}.partial`;
  await runCommand({ command: 'go', args: ['build', '-trimpath', '-o', partial, '.'], cwd: TPCC_STYLE_DIR, env: { CGO_ENABLED: '0' } }, 'build tpccstyle', signal);
  fs.renameSync(partial, TPCC_STYLE_BINARY);
  return TPCC_STYLE_BINARY;
}
