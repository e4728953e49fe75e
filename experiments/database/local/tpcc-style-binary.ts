/**
 * tpccstyle (experiments/database/tpcc-style, Go) for the local target, built on first use
 * through src/local/go-binary.ts (cached by source hash). PERFLAB_TPCCSTYLE names a prebuilt
 * binary instead.
 */
import * as path from 'path';
import { GoProgramSpec, buildGoProgram, goProgramAvailable } from '../../../src/local/go-binary';

/** The driver's Go module. */
export const TPCC_STYLE_DIR = path.resolve(__dirname, '..', 'tpcc-style');
/** Environment variable naming a prebuilt tpccstyle. */
export const TPCC_STYLE_BINARY_ENV = 'PERFLAB_TPCCSTYLE';
/** Oldest Go that builds the driver (its go.mod's `go` line). */
export const TPCC_STYLE_MIN_GO = [1, 26] as const;
/** What to do when Go is missing or too old. */
export const TPCC_STYLE_INSTALL_HINT = `the tpcc-style workload's driver is built with Go ≥ ${TPCC_STYLE_MIN_GO.join('.')}: install it from https://go.dev/dl/ (Debian's golang-go is older), or set ${TPCC_STYLE_BINARY_ENV} to a prebuilt tpccstyle`;

const TPCC_STYLE: GoProgramSpec = { name: 'tpccstyle', moduleDir: TPCC_STYLE_DIR, prebuiltEnv: TPCC_STYLE_BINARY_ENV, minGo: TPCC_STYLE_MIN_GO, installHint: TPCC_STYLE_INSTALL_HINT };

/** Whether the driver can be had: a prebuilt binary, or a Go to build it with. */
export function tpccStyleAvailable(): boolean {
  return goProgramAvailable(TPCC_STYLE);
}

/** Path of a ready tpccstyle: the prebuilt one, the cached build, or a fresh build (an error saying how to get Go when there is none). */
export function buildTpccStyle(signal?: AbortSignal): Promise<string> {
  return buildGoProgram(TPCC_STYLE, signal);
}
