/**
 * Saved baselines: the set of repeated RunResults of one configuration, with its grouping key,
 * as one versioned JSON document under `baselines/<name>.json`, written atomically.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { RunResult } from '../results/run-result';
import { parseRunResult, writeFileAtomic } from '../results/store';
import { GroupKey, groupIdOf, groupResults } from '../stats/groups';

/** Identifies a baseline document. */
export const BASELINE_KIND = 'perflab.dev/Baseline';
/** The baseline document version this code writes and reads. */
export const BASELINE_VERSION = 1;
/** Default folder of saved baselines. */
export const DEFAULT_BASELINE_DIR = 'baselines';

/** A baseline is unusable or cannot be saved; the message names the file and why. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** A saved baseline. */
export interface Baseline {
  readonly name: string;
  readonly createdAt: string;
  readonly key: GroupKey;
  readonly results: RunResult[];
  /** The file it was read from or written to. */
  readonly file: string;
}

const HeaderSchema = z.object({
  kind: z.literal(BASELINE_KIND),
  version: z.literal(BASELINE_VERSION),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/),
  createdAt: z.iso.datetime(),
  key: z.object({ experiment: z.string(), variant: z.string(), label: z.string().optional(), profile: z.string() }),
  results: z.array(z.unknown()).min(1),
});

/** The default name of a baseline of `key`: `experiment-variant[-label]-profile`. */
export function defaultBaselineName(key: GroupKey): string {
  return [key.experiment, key.variant, key.label, key.profile].filter((s) => s !== undefined).join('-').replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Whether a parsed JSON document claims to be a baseline. */
export function isBaselineDocument(doc: unknown): boolean {
  return !!doc && typeof doc === 'object' && (doc as { kind?: unknown }).kind === BASELINE_KIND;
}

/** Validates a baseline document read from `file`. */
export function parseBaseline(doc: unknown, file: string): Baseline {
  const version = (doc as { version?: unknown }).version;
  if (version !== BASELINE_VERSION) {
    throw new BaselineError(`${file}: baseline version ${JSON.stringify(version)} is not supported; this perflab reads version ${BASELINE_VERSION}`);
  }
  const header = HeaderSchema.safeParse(doc);
  if (!header.success) {
    const i = header.error.issues[0];
    throw new BaselineError(`${file}: invalid baseline: ${i.path.join('.') || '(top level)'}: ${i.message}`);
  }
  const results = header.data.results.map((r, i) => parseRunResult(JSON.stringify(r), `${file}: results[${i}]`));
  const groups = groupResults(results);
  const expected = groupIdOf(header.data.key);
  if (groups.length !== 1 || groups[0].id !== expected) {
    throw new BaselineError(`${file}: the baseline's results (${groups.map((g) => g.id).join(', ')}) do not match its key ${expected}`);
  }
  return { name: header.data.name, createdAt: header.data.createdAt, key: header.data.key, results, file };
}

/** Reads a baseline file. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new BaselineError(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!isBaselineDocument(doc)) throw new BaselineError(`${file}: not a perflab baseline (kind is ${JSON.stringify((doc as { kind?: unknown })?.kind)})`);
  return parseBaseline(doc, file);
}

/** Options of `saveBaseline`. */
export interface SaveBaselineOptions {
  readonly dir?: string;
  readonly name?: string;
  /** Replace an existing baseline of that name. @default false */
  readonly force?: boolean;
  readonly now?: Date;
}

/** Saves repeated runs of one configuration as a baseline; returns it (with its file). */
export function saveBaseline(results: readonly RunResult[], opts: SaveBaselineOptions = {}): Baseline {
  if (results.length === 0) throw new BaselineError('no results to save as a baseline');
  const groups = groupResults(results);
  if (groups.length > 1) {
    throw new BaselineError(`a baseline holds repeats of one configuration; these results are ${groups.length}: ${groups.map((g) => `${g.id} (${g.results.length})`).join(', ')}`);
  }
  const key = groups[0].key;
  const name = opts.name ?? defaultBaselineName(key);
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new BaselineError(`baseline name ${JSON.stringify(name)} may hold only letters, digits, ., _ and -`);
  const file = path.join(opts.dir ?? DEFAULT_BASELINE_DIR, `${name}.json`);
  if (!opts.force && fs.existsSync(file)) throw new BaselineError(`${file} exists; pass --force to replace baseline ${name}`);
  const createdAt = (opts.now ?? new Date()).toISOString();
  const doc = { kind: BASELINE_KIND, version: BASELINE_VERSION, name, createdAt, key, results: groups[0].results };
  writeFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`);
  return { name, createdAt, key, results: groups[0].results, file };
}
