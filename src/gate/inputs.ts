/**
 * Resolves what the gate compares: the baseline (a saved baseline by file or name, or RunResult
 * files and folders) and the current results, each one configuration, both of one experiment
 * and load profile. Every problem is a GateInputError (exit code 2).
 */
import { groupWorkload } from '../stats/pairing';
import * as fs from 'fs';
import * as path from 'path';
import { RunResult } from '../results/run-result';
import { ResultsError, loadResults } from '../results/store';
import { ResultGroup, groupResults } from '../stats/groups';
import { BaselineError, DEFAULT_BASELINE_DIR, isBaselineDocument, parseBaseline } from './baseline';

/** Bad gate input: missing or foreign files, mixed configurations, mismatched experiments. */
export class GateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GateInputError';
  }
}

/** One side of the comparison. */
export interface GateSide {
  readonly group: ResultGroup;
  /** Where it came from: the baseline's file or the paths given. */
  readonly source: string;
}

function asInputError(err: unknown): never {
  if (err instanceof ResultsError || err instanceof BaselineError) throw new GateInputError(err.message);
  throw err;
}

function oneGroup(results: readonly RunResult[], what: string, source: string): ResultGroup {
  if (results.length === 0) throw new GateInputError(`${what} (${source}): no results found`);
  const groups = groupResults(results);
  if (groups.length > 1) {
    throw new GateInputError(
      `${what} (${source}) mixes ${groups.length} configurations: ${groups.map((g) => `${g.id} (${g.results.length} runs)`).join(', ')}; give repeats of one configuration`,
    );
  }
  return groups[0];
}

function readJsonKind(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // loadResults reports it with the right message
  }
}

/**
 * The baseline side: `arg` is a baseline file, a RunResult file or folder, or the name of a
 * baseline saved under `dir` (`<dir>/<arg>.json`).
 */
export function resolveBaseline(arg: string, dir: string = DEFAULT_BASELINE_DIR): GateSide {
  try {
    let file = arg;
    if (!fs.existsSync(file)) {
      const named = path.join(dir, `${arg}.json`);
      if (!fs.existsSync(named)) throw new GateInputError(`baseline ${arg}: no such file or folder, and no saved baseline ${named}`);
      file = named;
    }
    if (fs.statSync(file).isFile()) {
      const doc = readJsonKind(file);
      if (isBaselineDocument(doc)) {
        const b = parseBaseline(doc, file);
        return { group: oneGroup(b.results, 'baseline', file), source: `${file} (baseline ${b.name}, saved ${b.createdAt})` };
      }
    }
    return { group: oneGroup(loadResults([file]), 'baseline', file), source: file };
  } catch (err) {
    return asInputError(err);
  }
}

/** The current side: RunResult files and folders. */
export function resolveCurrent(paths: readonly string[]): GateSide {
  if (paths.length === 0) throw new GateInputError('no current results given');
  try {
    return { group: oneGroup(loadResults(paths), 'current results', paths.join(', ')), source: paths.join(', ') };
  } catch (err) {
    return asInputError(err);
  }
}

/** Throws unless both sides are one configuration: experiment, load profile, variant and workload. */
export function checkComparable(baseline: GateSide, current: GateSide): void {
  const b = baseline.group.key;
  const c = current.group.key;
  if (b.experiment !== c.experiment) {
    throw new GateInputError(`baseline is experiment ${b.experiment} (${baseline.group.id}) but current is ${c.experiment} (${current.group.id}); compare one experiment at a time`);
  }
  if (b.profile !== c.profile) {
    throw new GateInputError(`baseline ran load profile ${b.profile} but current ran ${c.profile}; figures of different profiles are not comparable`);
  }
  if (b.variant !== c.variant) {
    throw new GateInputError(`baseline is variant ${b.variant} but current is ${c.variant}; the gate passes or fails a candidate against a baseline of the same configuration — rank variants with perflab compare`);
  }
  const bw = groupWorkload(baseline.group);
  const cw = groupWorkload(current.group);
  if (bw !== cw) throw new GateInputError(`baseline ran workload ${bw || '(none)'} but current ran ${cw || '(none)'}; different workloads are never compared`);
}
