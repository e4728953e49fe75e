/**
 * The results history: every RunResult stored under a results folder, found through an index
 * file (`<dir>/.perflab-history.json`) that keeps, per result file, its size and mtime and the
 * few figures a history needs (configuration, start time, p95, throughput, cost per 1M). A query
 * lists and stats the files, re-reads only new or changed ones, drops deleted ones, and rewrites
 * the index atomically when anything changed. The RunResult files stay the source of truth: the
 * index can be deleted at any time and is rebuilt on the next query.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RunResult } from '../results/run-result';
import { ResultsError, jsonFilesUnder, readRunResult, writeFileAtomic } from '../results/store';
import { groupIdOf, groupKeyOf } from '../stats/groups';
import { throughputOf } from '../stats/metrics';
import { workloadOf } from '../stats/pairing';

/** Name of the index file inside the results folder (a dot file: result loaders skip it). */
export const HISTORY_INDEX_FILE = '.perflab-history.json';
const INDEX_KIND = 'perflab.dev/HistoryIndex';
const INDEX_VERSION = 1;

/** What the history keeps of one stored RunResult. */
export interface HistoryEntry {
  readonly id: string;
  /** The result file, relative to the results folder. */
  readonly file: string;
  readonly experiment: string;
  readonly variant: string;
  readonly label?: string;
  readonly profile: string;
  /** Database workload or messaging scenario ('' when the experiment has one kind of run). */
  readonly workload: string;
  /** `experiment/variant[label]/profile` (stats/groups.ts). */
  readonly configuration: string;
  readonly startedAt: string;
  readonly p95Ms?: number;
  readonly throughput?: number;
  readonly costPerMillion?: number;
  readonly currency?: string;
}

interface IndexRecord {
  readonly size: number;
  readonly mtimeMs: number;
  readonly entry: HistoryEntry;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isOptionalNumber = (v: unknown): boolean => v === undefined || typeof v === 'number';

/**
 * Whether an index record has the shape this code writes. A hand check, not a zod schema: for
 * 10 000 records zod took ~300 ms, most of a warm query. A record that fails is dropped, so its
 * result file is read again.
 */
function isRecord(v: unknown): v is IndexRecord {
  const r = v as Partial<IndexRecord> | null;
  if (!r || typeof r !== 'object' || typeof r.size !== 'number' || typeof r.mtimeMs !== 'number') return false;
  const e = r.entry as unknown as Record<string, unknown> | undefined;
  if (!e || typeof e !== 'object') return false;
  return (
    ['id', 'file', 'experiment', 'variant', 'profile', 'workload', 'configuration', 'startedAt'].every((k) => isString(e[k])) &&
    (e.label === undefined || isString(e.label)) &&
    (e.currency === undefined || isString(e.currency)) &&
    isOptionalNumber(e.p95Ms) &&
    isOptionalNumber(e.throughput) &&
    isOptionalNumber(e.costPerMillion)
  );
}

/** The history entry of a result stored at `file` (relative to the results folder). */
export function historyEntryOf(r: RunResult, file: string): HistoryEntry {
  return {
    id: r.id,
    file,
    experiment: r.experiment,
    variant: r.variant,
    ...(r.label === undefined ? {} : { label: r.label }),
    profile: r.profile.name,
    workload: workloadOf(r),
    configuration: groupIdOf(groupKeyOf(r)),
    startedAt: r.startedAt,
    ...(r.latency.count > 0 ? { p95Ms: r.latency.p95 } : {}),
    ...(throughputOf(r) === undefined ? {} : { throughput: throughputOf(r) }),
    ...(r.cost?.costPerMillion === undefined ? {} : { costPerMillion: r.cost.costPerMillion, currency: r.cost.currency }),
  };
}

function readIndex(file: string): Record<string, IndexRecord> {
  let doc: { kind?: unknown; version?: unknown; files?: unknown };
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {}; // missing or unreadable: rebuilt from the result files
  }
  if (!doc || doc.kind !== INDEX_KIND || doc.version !== INDEX_VERSION || !doc.files || typeof doc.files !== 'object') return {};
  const out: Record<string, IndexRecord> = {};
  for (const [rel, rec] of Object.entries(doc.files as Record<string, unknown>)) if (isRecord(rec)) out[rel] = rec;
  return out;
}

/** What a query did, for the benchmark and for `--verbose` output. */
export interface IndexStats {
  readonly files: number;
  /** Result files read (new or changed since the index was written). */
  readonly parsed: number;
  readonly indexWritten: boolean;
  /** Why the index could not be written (a read-only folder); the query still answered. @default absent */
  readonly indexError?: string;
}

/**
 * Every stored run under `dir`, oldest first, with the index brought up to date. Throws a
 * ResultsError naming every corrupt, foreign or outdated result file (nothing is skipped).
 */
export function loadHistory(dir: string): { entries: HistoryEntry[]; stats: IndexStats } {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ResultsError([`${dir}: no such results folder`]);
  const indexFile = path.join(dir, HISTORY_INDEX_FILE);
  const old = readIndex(indexFile);
  const files: Record<string, IndexRecord> = {};
  const problems: string[] = [];
  let parsed = 0;
  const all = jsonFilesUnder(dir);
  for (const abs of all) {
    const rel = path.relative(dir, abs);
    const st = fs.statSync(abs);
    const cached = old[rel];
    if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) {
      files[rel] = cached;
      continue;
    }
    try {
      files[rel] = { size: st.size, mtimeMs: st.mtimeMs, entry: historyEntryOf(readRunResult(abs), rel) };
      parsed++;
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (problems.length) throw new ResultsError(problems);
  const changed = parsed > 0 || Object.keys(old).length !== Object.keys(files).length;
  let indexError: string | undefined;
  if (changed) {
    try {
      writeFileAtomic(indexFile, JSON.stringify({ kind: INDEX_KIND, version: INDEX_VERSION, files }));
    } catch (err) {
      indexError = `${indexFile} could not be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); the next query reads every result again`;
    }
  }
  const entries = Object.values(files)
    .map((f) => f.entry)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  return { entries, stats: { files: all.length, parsed, indexWritten: changed && !indexError, ...(indexError ? { indexError } : {}) } };
}
