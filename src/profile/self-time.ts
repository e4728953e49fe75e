/**
 * Self time per frame (the samples in which a frame was the one running, i.e. the leaf) and how
 * shares of self time differ between two profiles of one variant.
 */
import { FoldedProfile, NO_FRAMES, totalSamples } from './folded';

/** One frame's self time. */
export interface SelfTime {
  readonly frame: string;
  readonly samples: number;
  /** Fraction of all samples, 0..1. */
  readonly share: number;
}

/** Self samples per frame name. */
function selfSamples(p: FoldedProfile): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of p.stacks) {
    const leaf = s.frames[s.frames.length - 1] ?? NO_FRAMES;
    m.set(leaf, (m.get(leaf) ?? 0) + s.samples);
  }
  return m;
}

/** The `n` frames with most self time, heaviest first (ties by name). */
export function topSelfFrames(p: FoldedProfile, n = 15): SelfTime[] {
  const total = totalSamples(p);
  return [...selfSamples(p)]
    .map(([frame, samples]) => ({ frame, samples, share: total ? samples / total : 0 }))
    .sort((a, b) => b.samples - a.samples || a.frame.localeCompare(b.frame))
    .slice(0, n);
}

/** How one frame's self-time share moved from `before` to `after`. */
export interface ShareChange {
  readonly frame: string;
  readonly before: number;
  readonly after: number;
  /** after − before, in fractions of all samples. */
  readonly change: number;
}

/** Each frame's share of all samples as self time in one profile, keyed by frame. */
export function selfShares(p: FoldedProfile): Map<string, number> {
  const total = totalSamples(p);
  return new Map([...selfSamples(p)].map(([f, s]) => [f, total ? s / total : 0]));
}

/** The `n` frames whose self-time share changed most (by absolute change), largest first. */
export function shareChanges(before: FoldedProfile, after: FoldedProfile, n = 15): ShareChange[] {
  const a = selfShares(before);
  const b = selfShares(after);
  return [...new Set([...a.keys(), ...b.keys()])]
    .map((frame) => ({ frame, before: a.get(frame) ?? 0, after: b.get(frame) ?? 0 }))
    .map((x) => ({ ...x, change: x.after - x.before }))
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.frame.localeCompare(y.frame))
    .slice(0, n);
}
