/**
 * Reads a stack file (`stacks/Pulumi.<stack>.yaml`) the way the Pulumi CLI hands its config to a
 * program: every key namespaced (`perflab:variant`), scalars as strings, objects and lists as
 * JSON text. `perflab synth` and the tests use it to see exactly what `pulumi up` would see.
 * Secure (encrypted) values cannot be read without Pulumi and are reported as such.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';

/** Folder of the stack files, relative to the repo root (Pulumi.yaml's stackConfigDir). */
export const STACKS_DIR = 'stacks';

/** The repo root (this file is src/cluster/stack-file.ts). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Path of a stack's file. */
export function stackFilePath(stack: string, root = REPO_ROOT): string {
  return path.join(root, STACKS_DIR, `Pulumi.${stack}.yaml`);
}

/** Names of every stack with a file under stacks/, sorted. */
export function listStacks(root = REPO_ROOT): string[] {
  const dir = path.join(root, STACKS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => !!s)
    .sort();
}

/** A stack file that cannot be read or has no usable `config:` map. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackFileError';
  }
}

/** The config of a stack as the CLI passes it (PULUMI_CONFIG form). */
export function readStackConfig(file: string): Record<string, string> {
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StackFileError(code === 'ENOENT' ? `${file}: no such stack file` : `${file}: not valid YAML (${(err as Error).message})`);
  }
  const config = (doc as { config?: unknown } | null)?.config;
  if (config === undefined || config === null) return {};
  if (typeof config !== 'object' || Array.isArray(config)) throw new StackFileError(`${file}: "config" must be a map of keys to values`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (!key.includes(':')) throw new StackFileError(`${file}: config key ${JSON.stringify(key)} has no namespace (write perflab:${key})`);
    if (value && typeof value === 'object' && !Array.isArray(value) && 'secure' in value) {
      throw new StackFileError(`${file}: ${key} is a secret (secure: ...); only the Pulumi CLI can decrypt it`);
    }
    out[key] = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  }
  return out;
}
