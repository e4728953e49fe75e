/**
 * `perflab compare` on CPU profiles: for each variant with two or more profiled runs, its
 * earliest and latest profiled runs, and the frames whose share of self time changed most between
 * them (shares, not sample counts, so runs of different lengths compare).
 */
import { formatTable } from '../cli/table';
import { FoldedProfile } from '../profile/folded';
import { shareChanges } from '../profile/self-time';
import { RunResult } from './run-result';

/** The earliest and latest profiled runs of one variant. */
export interface ProfilePair {
  readonly variant: string;
  readonly before: RunResult;
  readonly after: RunResult;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const pts = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} pts`;

/** One pair per variant with ≥ 2 profiled runs among `results` (profiles by result id), by variant name. */
export function profilePairs(results: readonly RunResult[], profiles: ReadonlyMap<string, FoldedProfile>): ProfilePair[] {
  const byVariant = new Map<string, RunResult[]>();
  for (const r of results) if (profiles.has(r.id)) byVariant.set(r.variant, [...(byVariant.get(r.variant) ?? []), r]);
  return [...byVariant]
    .filter(([, runs]) => runs.length >= 2)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([variant, runs]) => {
      const sorted = [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
      return { variant, before: sorted[0], after: sorted[sorted.length - 1] };
    });
}

/** One section per pair: the `top` frames whose self-time share changed most. */
export function profileChangeSections(pairs: readonly ProfilePair[], profiles: ReadonlyMap<string, FoldedProfile>, top = 12): { title: string; table: string }[] {
  return pairs.map(({ variant, before, after }) => ({
    title: `CPU profile of ${variant}: frames whose self-time share changed most, ${before.id} → ${after.id}`,
    table: formatTable(
      ['frame', 'before', 'after', 'change'],
      shareChanges(profiles.get(before.id)!, profiles.get(after.id)!, top).map((c) => [c.frame, pct(c.before), pct(c.after), pts(c.change)]),
    ),
  }));
}
