/**
 * The stack facts the rules read, from the stack's file as written (`stacks/Pulumi.<stack>.yaml`):
 * its name and its raw config, encrypted values kept as `{ secure: ... }` (the secret rules need
 * to see which values are encrypted; src/cluster/stack-file.ts reads config for running the
 * program and refuses secure values, which is right there and wrong here).
 */
import * as fs from 'fs';
import { parse as parseYaml } from 'yaml';
import { stackFilePath } from '../cluster/stack-file';
import { StackInfo } from './types';

/** A stack file that cannot be read. */
export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackConfigError';
  }
}

/** StackInfo of `stack` from its file under `<root>/stacks/`; throws StackConfigError if the file is missing or not YAML. */
export function readStackInfo(stack: string, root?: string): StackInfo {
  const file = root === undefined ? stackFilePath(stack) : stackFilePath(stack, root);
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StackConfigError(code === 'ENOENT' ? `${file}: no such stack file` : `${file}: not valid YAML (${(err as Error).message})`);
  }
  const config = (doc as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== 'object' || Array.isArray(config)) throw new StackConfigError(`${file}: "config" must be a map of keys to values`);
  return { name: stack, config: config as Record<string, unknown> };
}

/** StackInfo of `stack`, or just its name when its file cannot be read (the pack must not fail on it). */
export function tryReadStackInfo(stack: string, root?: string): StackInfo {
  try {
    return readStackInfo(stack, root);
  } catch (err) {
    if (err instanceof StackConfigError) return { name: stack };
    throw err;
  }
}
