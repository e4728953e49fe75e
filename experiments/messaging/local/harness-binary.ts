/**
 * mqbench (experiments/messaging/harness, Go) for the local target, built on first use through
 * src/local/go-binary.ts. PERFLAB_MQBENCH names a prebuilt binary instead.
 */
import * as path from 'path';
import { GoProgramSpec, buildGoProgram, goProgramAvailable, usableGo as usableGoAtLeast } from '../../../src/local/go-binary';

/** The harness's Go module. */
export const HARNESS_DIR = path.resolve(__dirname, '..', 'harness');
/** Environment variable naming a prebuilt mqbench. */
export const HARNESS_BINARY_ENV = 'PERFLAB_MQBENCH';
/** Oldest Go that builds the harness (its go.mod's `go` line). */
export const GO_MIN_VERSION = [1, 26] as const;
/** What to install when Go is missing or too old. */
export const GO_INSTALL_HINT = `the messaging harness (mqbench) is built with Go ≥ ${GO_MIN_VERSION.join('.')}: install it from https://go.dev/dl/ (Debian's golang-go is older), or set ${HARNESS_BINARY_ENV} to a prebuilt mqbench`;

const MQBENCH: GoProgramSpec = { name: 'mqbench', moduleDir: HARNESS_DIR, prebuiltEnv: HARNESS_BINARY_ENV, minGo: GO_MIN_VERSION, installHint: GO_INSTALL_HINT };

/** The Go version line when a new enough Go is on PATH; otherwise undefined. */
export function usableGo(): string | undefined {
  return usableGoAtLeast(GO_MIN_VERSION, GO_INSTALL_HINT);
}

/** Whether the harness can be had: a prebuilt binary, or a Go to build it with. */
export function harnessAvailable(): boolean {
  return goProgramAvailable(MQBENCH);
}

/** Path of a ready mqbench: the prebuilt one, the cached build, or a fresh build. */
export function buildHarness(): Promise<string> {
  return buildGoProgram(MQBENCH);
}
