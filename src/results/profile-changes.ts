/**
 * `perflab compare` on CPU profiles: for each variant with two or more profiled runs, the frames
 * whose share of self time changed most from its earliest profiled run to its latest (shares,
 * not sample counts, so runs of different lengths compare).
 */
import { formatTable } from '../cli/table';
import { FoldedProfile } from '../profile/folded';
import { shareChanges } from '../profile/self-time';
import { RunResult } from './run-result';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const pts = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} pts`;

/** One section per variant with ≥ 2 profiled runs among `results` (profiles by result id). */
export function profileChangeSections(results: readonly RunResult[], profiles: ReadonlyMap<string, FoldedProfile>, top = 12): { title: string; table: string }[] {
  const byVariant = new Map<string, RunResult[]>();
  for (const r of results) if (profiles.has(r.id)) byVariant.set(r.variant, [...(byVariant.get(r.variant) ?? []), r]);
  const out: { title: string; table: string }[] = [];
  for (const [variant, runs] of [...byVariant].sort(([a], [b]) => a.localeCompare(b))) {
    if (runs.length < 2) continue;
    const sorted = [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const [before, after] = [sorted[0], sorted[sorted.length - 1]];
    const changes = shareChanges(profiles.get(before.id)!, profiles.get(after.id)!, top);
    out.push({
      title: `CPU profile of ${variant}: frames whose self-time share changed most, ${before.id} → ${after.id}`,
      table: formatTable(['frame', 'before', 'after', 'change'], changes.map((c) => [c.frame, pct(c.before), pct(c.after), pts(c.change)])),
    });
  }
  return out;
}
