/**
 * V8's .cpuprofile (written by `node --cpu-prof` and `bun --cpu-prof`) to folded stacks. The
 * format (Chrome DevTools protocol `Profiler.Profile`): `nodes` (id, callFrame, children ids),
 * `samples` (the node id running at each tick), `timeDeltas` (µs between ticks, the first from
 * `startTime`). Samples outside an optional time window are left out, so a profile recorded
 * over a server's whole life can be cut to its load window.
 */
import * as path from 'path';
import { FoldedProfile, foldStacks } from './folded';

interface V8Node {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface V8Profile {
  readonly nodes: readonly V8Node[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** A time window in the profile's own clock, µs. */
export interface SampleWindow {
  readonly startUs: number;
  readonly endUs: number;
}

function checkShape(doc: unknown, source: string): V8Profile {
  const p = doc as Partial<V8Profile> | null;
  if (!p || !Array.isArray(p.nodes) || !Array.isArray(p.samples) || !Array.isArray(p.timeDeltas) || typeof p.startTime !== 'number') {
    throw new Error(`${source}: not a V8 .cpuprofile (expected nodes, samples, timeDeltas and startTime)`);
  }
  if (p.samples.length !== p.timeDeltas.length) throw new Error(`${source}: ${p.samples.length} samples but ${p.timeDeltas.length} timeDeltas`);
  return p as V8Profile;
}

/** `name (file:line)`, V8's lines being 0-based; built-ins without a file keep their bare name. */
function frameOf(node: V8Node): string {
  const cf = node.callFrame;
  const name = cf.functionName || '(anonymous)';
  return cf.url ? `${name} (${path.basename(cf.url)}:${cf.lineNumber + 1})` : name;
}

/**
 * Converts a .cpuprofile's text; with `window`, only samples taken inside it count. The window may
 * be given as a function of the profile's start time, for callers that must first see which clock
 * it uses (monotonic in Node, wall clock in Bun 1.4).
 */
export function v8ToFolded(text: string, source: string, window?: SampleWindow | ((profileStartUs: number) => SampleWindow)): { profile: FoldedProfile; durationSeconds: number } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not JSON (${(err as Error).message})`);
  }
  const p = checkShape(doc, source);
  const w = typeof window === 'function' ? window(p.startTime) : window;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = new Map<number, string[]>();
  const stack = (id: number): string[] => {
    const cached = stackOf.get(id);
    if (cached) return cached;
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node) throw new Error(`${source}: sample names node ${at}, which is not in nodes`);
      if (parent.has(at)) frames.push(frameOf(node)); // the root node, "(root)", is left out
    }
    frames.reverse();
    stackOf.set(id, frames);
    return frames;
  };
  const counts = new Map<number, number>();
  let t = p.startTime;
  let first = Infinity;
  let last = -Infinity;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i];
    if (w && (t < w.startUs || t > w.endUs)) return;
    first = Math.min(first, t);
    last = Math.max(last, t);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  const profile = foldStacks([...counts].map(([id, n]) => [stack(id), n] as const));
  return { profile, durationSeconds: last > first ? (last - first) / 1e6 : 0 };
}
