/**
 * `--baseline history:N`: the gate's baseline taken from the results history — the last N stored
 * runs of the current results' configuration (experiment, variant, label, profile and workload)
 * that started before the earliest current run. The current runs themselves are never part of it.
 */
import * as path from 'path';
import { loadHistory } from '../history/history-index';
import { ResultsError, readRunResult } from '../results/store';
import { groupResults } from '../stats/groups';
import { groupWorkload } from '../stats/pairing';
import { GateInputError, GateSide } from './inputs';

/** The N of `history:N`, or undefined when `arg` is not a history baseline. */
export function parseHistoryBaseline(arg: string): number | undefined {
  if (!arg.startsWith('history:')) return undefined;
  const text = arg.slice('history:'.length);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 2) throw new GateInputError(`--baseline ${JSON.stringify(arg)}: expected history:<N> with N a whole number ≥ 2 (the last N stored runs of the same configuration)`);
  return n;
}

/** The baseline side built from the last `n` runs under `resultsDir` of `current`'s configuration. */
export function historyBaseline(current: GateSide, n: number, resultsDir: string): GateSide {
  const { id } = current.group;
  const workload = groupWorkload(current.group);
  const currentIds = new Set(current.group.results.map((r) => r.id));
  const earliest = current.group.results.map((r) => r.startedAt).sort()[0];
  let entries;
  try {
    entries = loadHistory(resultsDir).entries;
  } catch (err) {
    if (err instanceof ResultsError) throw new GateInputError(`history baseline: ${err.message}`);
    throw err;
  }
  const picked = entries.filter((e) => e.configuration === id && e.workload === workload && !currentIds.has(e.id) && e.startedAt < earliest).slice(-n);
  if (picked.length === 0) throw new GateInputError(`--baseline history:${n}: no runs of ${id}${workload ? ` workload ${workload}` : ''} stored in ${resultsDir} before ${earliest}`);
  let results;
  try {
    results = picked.map((e) => readRunResult(path.join(resultsDir, e.file)));
  } catch (err) {
    throw new GateInputError(`history baseline: ${(err as Error).message}`);
  }
  const short = picked.length < n ? ` (only ${picked.length} of the ${n} asked for are stored)` : '';
  const span = `${picked[0].startedAt} … ${picked[picked.length - 1].startedAt}`;
  return { group: groupResults(results)[0], source: `history of ${id} in ${resultsDir}: last ${picked.length} runs, ${span}${short}` };
}
