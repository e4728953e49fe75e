/**
 * Go programs of ours that perflab builds on first use (the native load driver, the messaging
 * harness): `go build` into `.perflab/go/<name>-<hash>/<name>` at the repo root (git-ignored),
 * where the hash covers the module's sources (and those of the local modules its go.mod
 * replaces others with) and the Go version, so an edited source or a new Go
 * builds afresh and an unchanged one is reused without running Go at all. An environment
 * variable can name a prebuilt binary instead.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { runCommand, toolchainVersion } from './commands';

/** Where builds are cached (PERFLAB_GO_BUILD_CACHE overrides it). */
export const GO_BUILD_CACHE = process.env.PERFLAB_GO_BUILD_CACHE ?? path.resolve(__dirname, '..', '..', '.perflab', 'go');

/** One Go program of ours. */
export interface GoProgramSpec {
  /** Binary name, e.g. `httpload`. */
  readonly name: string;
  /** The Go module's directory. */
  readonly moduleDir: string;
  /** Environment variable naming a prebuilt binary (skips the build). */
  readonly prebuiltEnv: string;
  /** Oldest Go that builds it (its go.mod's `go` line), as [major, minor]. */
  readonly minGo: readonly [number, number];
  /** What to do when Go is missing or too old (shown in errors). */
  readonly installHint: string;
}

/** The Go version line when a Go at least `min` is on PATH; otherwise undefined. */
export function usableGo(min: readonly [number, number], installHint: string): string | undefined {
  const line = toolchainVersion({ command: 'go', versionArgs: ['version'], installHint });
  const m = line ? /go(\d+)\.(\d+)/.exec(line) : null;
  if (!line || !m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > min[0] || (major === min[0] && minor >= min[1]) ? line : undefined;
}

/** Whether the program can be had: a prebuilt binary, or a Go to build it with. */
export function goProgramAvailable(spec: GoProgramSpec): boolean {
  const prebuilt = process.env[spec.prebuiltEnv];
  return prebuilt ? fs.existsSync(prebuilt) : usableGo(spec.minGo, spec.installHint) !== undefined;
}

/**
 * Folders of the local modules go.mod replaces a module with (`replace m => ../dir`, single or in
 * a block): their sources are build inputs too (e.g. drivers/driverstats).
 */
export function localReplacements(moduleDir: string): string[] {
  const goMod = path.join(moduleDir, 'go.mod');
  if (!fs.existsSync(goMod)) return [];
  const dirs: string[] = [];
  for (const line of fs.readFileSync(goMod, 'utf8').split('\n')) {
    const m = /=>\s*(\.{1,2}\/\S*)\s*$/.exec(line.replace(/\/\/.*$/, ''));
    if (m) dirs.push(path.resolve(moduleDir, m[1]));
  }
  return dirs.sort();
}

/** Hash of the module's build inputs (go.mod, go.sum, *.go, recursively, and those of its local replacements) and the Go version. */
export function sourceHash(moduleDir: string, goVersion: string): string {
  const h = crypto.createHash('sha256').update(goVersion);
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.go$|^go\.(mod|sum)$/.test(entry.name)) h.update(path.relative(moduleDir, p)).update('\0').update(fs.readFileSync(p)).update('\0');
    }
  };
  walk(moduleDir);
  for (const dir of localReplacements(moduleDir)) if (fs.existsSync(dir)) walk(dir);
  return h.digest('hex').slice(0, 16);
}

/**
 * Path of a ready binary: the prebuilt one, the cached build for these sources, or a fresh
 * `go build` (an error naming how to get Go when there is none).
 */
export async function buildGoProgram(spec: GoProgramSpec, signal?: AbortSignal): Promise<string> {
  const prebuilt = process.env[spec.prebuiltEnv];
  if (prebuilt) {
    if (!fs.existsSync(prebuilt)) throw new Error(`${spec.prebuiltEnv}=${prebuilt}: no such file`);
    return prebuilt;
  }
  const go = usableGo(spec.minGo, spec.installHint);
  if (!go) throw new Error(`${spec.name}: no usable Go on PATH — ${spec.installHint}`);
  const binary = path.join(GO_BUILD_CACHE, `${spec.name}-${sourceHash(spec.moduleDir, go)}`, spec.name);
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  // Built beside its final name and renamed, so a concurrent run never sees half a binary.
  const partial = `${binary}.${process.pid}.partial`;
  await runCommand({ command: 'go', args: ['build', '-trimpath', '-o', partial, '.'], cwd: spec.moduleDir, env: { CGO_ENABLED: '0' } }, `build ${spec.name}`, signal);
  fs.renameSync(partial, binary);
  pruneOtherBuilds(spec.name, path.dirname(binary));
  return binary;
}

/** Removes the program's builds of other sources (a running one keeps its file open: Linux allows it). */
function pruneOtherBuilds(name: string, keep: string): void {
  for (const entry of fs.readdirSync(GO_BUILD_CACHE)) {
    const dir = path.join(GO_BUILD_CACHE, entry);
    if (dir !== keep && entry.startsWith(`${name}-`) && /^[0-9a-f]{16}$/.test(entry.slice(name.length + 1))) fs.rmSync(dir, { recursive: true, force: true });
  }
}
