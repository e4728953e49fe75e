/**
 * The one CPU profile model every profiler's output is converted to: folded stacks, as
 * Brendan Gregg's stackcollapse scripts write them — one line per distinct stack, frames root
 * first joined by `;`, then a space and the samples that ended in that stack. The text form is
 * what is stored beside a RunResult; flamegraph.pl and speedscope read it too.
 */

/** One distinct call stack and the samples taken while it was on the CPU. */
export interface FoldedStack {
  /** Frames, root first, leaf (the frame that was running) last. */
  readonly frames: readonly string[];
  readonly samples: number;
}

/** A CPU profile as folded stacks (each stack once). */
export interface FoldedProfile {
  readonly stacks: readonly FoldedStack[];
}

/** The one frame of a sample that came with no stack (the profiler recorded none). */
export const NO_FRAMES = '(no frames)';

/** A frame name safe for the folded text: `;` (the separator) becomes `:`, line breaks and tabs become spaces. */
export function frameName(raw: string): string {
  const s = raw.replace(/;/g, ':').replace(/[\r\n\t]+/g, ' ').trim();
  return s.length ? s : '(unnamed)';
}

/** Adds up equal stacks; stacks with no samples are dropped. Frames are cleaned with `frameName`. */
export function foldStacks(stacks: Iterable<readonly [readonly string[], number]>): FoldedProfile {
  const byKey = new Map<string, FoldedStack>();
  for (const [frames, samples] of stacks) {
    if (!(samples > 0)) continue;
    const clean = frames.length ? frames.map(frameName) : [NO_FRAMES];
    const key = clean.join(';');
    const had = byKey.get(key);
    byKey.set(key, { frames: clean, samples: (had?.samples ?? 0) + samples });
  }
  return { stacks: [...byKey.values()] };
}

/** Merges several profiles (e.g. repeats of one configuration) into one. */
export function mergeProfiles(profiles: readonly FoldedProfile[]): FoldedProfile {
  return foldStacks(profiles.flatMap((p) => p.stacks.map((s) => [s.frames, s.samples] as const)));
}

/** All samples of a profile. */
export function totalSamples(p: FoldedProfile): number {
  return p.stacks.reduce((sum, s) => sum + s.samples, 0);
}

/** The folded text: `root;child;leaf 42` per line, heaviest stack first. */
export function toFoldedText(p: FoldedProfile): string {
  const lines = [...p.stacks].sort((a, b) => b.samples - a.samples).map((s) => `${s.frames.join(';')} ${s.samples}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Parses folded text; a bad line is an error naming `source` and the line number. */
export function parseFoldedText(text: string, source: string): FoldedProfile {
  const stacks: [string[], number][] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const m = /^(.*) (\d+)$/.exec(line);
    if (!m || !m[1]) throw new Error(`${source}:${i + 1}: not a folded stack line (expected "frame;frame;frame <samples>"): ${JSON.stringify(line.slice(0, 80))}`);
    stacks.push([m[1].split(';'), Number(m[2])]);
  });
  return foldStacks(stacks);
}
