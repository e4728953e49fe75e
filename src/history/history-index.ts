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
import { z } from 'zod';
import { RunResult } from '../results/run-result';
import { ResultsError, jsonFilesUnder, readRunResult, writeFileAtomic } from '../results/store';
import { groupIdOf, groupKeyOf } from '../stats/groups';
import { throughputOf } from '../stats/metrics';
import { workloadOf } from '../stats/pairing';

/** Name of the index file inside the results folder (a dot file: result loaders skip it). */
export const HISTORY_INDEX_FILE = '.perflab-history.json';
const INDEX_KIND = 'perflab.dev/HistoryIndex';
const INDEX_VERSION = 1;

/** What the history keeps of one RunResult. */
export const HistoryEntrySchema = z.object({
  id: z.string(),
  /** The result file, relative to the results folder. */
  file: z.string(),
  experiment: z.string(),
  variant: z.string(),
  label: z.string().optional(),
  profile: z.string(),
  /** Database workload or messaging scenario ('' when the experiment has one kind of run). */
  workload: z.string(),
  /** `experiment/variant[label]/profile` (stats/groups.ts). */
  configuration: z.string(),
  startedAt: z.string(),
  p95Ms: z.number().optional(),
  throughput: z.number().optional(),
  costPerMillion: z.number().optional(),
  currency: z.string().optional(),
});
/** One stored run as the history sees it. */
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

const IndexSchema = z.object({
  kind: z.literal(INDEX_KIND),
  version: z.literal(INDEX_VERSION),
  files: z.record(z.string(), z.object({ size: z.number(), mtimeMs: z.number(), entry: HistoryEntrySchema })),
});
type IndexDoc = z.infer<typeof IndexSchema>;

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

function readIndex(file: string): IndexDoc['files'] {
  try {
    const parsed = IndexSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.files : {};
  } catch {
    return {}; // missing or unreadable: rebuilt from the result files
  }
}

/** What a query did, for the benchmark and for `--verbose` output. */
export interface IndexStats {
  readonly files: number;
  /** Result files read (new or changed since the index was written). */
  readonly parsed: number;
  readonly indexWritten: boolean;
}

/**
 * Every stored run under `dir`, oldest first, with the index brought up to date. Throws a
 * ResultsError naming every corrupt, foreign or outdated result file (nothing is skipped).
 */
export function loadHistory(dir: string): { entries: HistoryEntry[]; stats: IndexStats } {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new ResultsError([`${dir}: no such results folder`]);
  const indexFile = path.join(dir, HISTORY_INDEX_FILE);
  const old = readIndex(indexFile);
  const files: IndexDoc['files'] = {};
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
  if (changed) writeFileAtomic(indexFile, JSON.stringify({ kind: INDEX_KIND, version: INDEX_VERSION, files }));
  const entries = Object.values(files)
    .map((f) => f.entry)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  return { entries, stats: { files: all.length, parsed, indexWritten: changed } };
}
