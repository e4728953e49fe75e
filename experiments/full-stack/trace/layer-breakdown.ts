/**
 * The per-layer latency arithmetic, pure and tested on recorded traces with known answers.
 *
 * For each trace (spans grouped by traceId):
 * - it is complete when it has exactly one root (a span without parentSpanId), every other
 *   span's parent is in the trace, and it holds the app's server span (layer `app`, kind
 *   server); incomplete traces are counted and left out;
 * - each span's self time = its duration − the length of the union of its children's
 *   intervals (clipped to the span);
 * - a span's self time goes to its layer: the `perflab.layer` attribute (the app's spans:
 *   `app`, `cache`, `database`, `messaging`), else its service's layer (`traefik` → `gateway`),
 *   else `other`; except a client span whose child is a server span of another service — its
 *   self time is the hop between the two (wire, kernel and any mesh proxies) and goes to
 *   `network`.
 * So, for sequential calls, a trace's layer times add up to its root span's duration.
 * Over all complete traces, per layer: mean (Σ per-trace times / traces, so the means add up
 * to the mean root duration), p50/p95/p99 of the per-trace times by nearest rank (the
 * ⌈p·n⌉-th smallest; 0 where a trace has no time in the layer), and share = mean / mean total. With the client's mean latency,
 * unattributed = client mean − traced mean: the client's own hop and overhead.
 */
import { z } from 'zod';
import { LayerBreakdownSchema } from '../../../src/results/run-result';
import { TraceSpan } from './otlp-json';

/** The layer breakdown of a run (RunResult.layers). */
export type LayerBreakdown = z.infer<typeof LayerBreakdownSchema>;

/** Span attribute naming a span's layer (set by the app). */
export const LAYER_ATTRIBUTE = 'perflab.layer';

/** Layer of spans by their service's name, for services that do not set the attribute. @default traefik → gateway */
export const DEFAULT_SERVICE_LAYERS: Readonly<Record<string, string>> = { traefik: 'gateway' };

/** Layers in request-path order (others follow alphabetically). */
export const LAYER_ORDER = ['gateway', 'network', 'app', 'cache', 'database', 'messaging'];

const SERVER = 2;
const CLIENT = 3;

/** Options of the breakdown. */
export interface BreakdownOptions {
  /** Service name → layer for spans without the layer attribute. @default DEFAULT_SERVICE_LAYERS */
  readonly serviceLayers?: Readonly<Record<string, string>>;
  /** Mean latency the client measured, ms (gives unattributedMs). @default none */
  readonly clientMeanMs?: number;
  /** `source` of the result. @default otlp-traces */
  readonly source?: string;
}

/** One complete trace's time per layer, ms. */
export interface TraceLayerTimes {
  readonly traceId: string;
  readonly totalMs: number;
  readonly layers: ReadonlyMap<string, number>;
}

function unionLength(intervals: Array<[number, number]>): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [a, b] of sorted) {
    if (a > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = a;
      curEnd = b;
    } else if (b > curEnd) curEnd = b;
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

/** Layer times of one trace's spans; undefined when the trace is incomplete. */
export function traceLayerTimes(spans: readonly TraceSpan[], serviceLayers: Readonly<Record<string, string>> = DEFAULT_SERVICE_LAYERS): TraceLayerTimes | undefined {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const roots = spans.filter((s) => s.parentSpanId === '');
  if (roots.length !== 1 || byId.size !== spans.length) return undefined;
  if (spans.some((s) => s.parentSpanId !== '' && !byId.has(s.parentSpanId))) return undefined;
  const layerOf = (s: TraceSpan): string => s.attributes[LAYER_ATTRIBUTE] ?? serviceLayers[s.service] ?? 'other';
  if (!spans.some((s) => s.kind === SERVER && layerOf(s) === 'app')) return undefined;
  const children = new Map<string, TraceSpan[]>();
  for (const s of spans) if (s.parentSpanId) children.set(s.parentSpanId, [...(children.get(s.parentSpanId) ?? []), s]);
  const layers = new Map<string, number>();
  for (const s of spans) {
    const kids = children.get(s.spanId) ?? [];
    const covered = unionLength(kids.map((k) => [Math.max(k.startUs, s.startUs), Math.min(k.endUs, s.endUs)]));
    const selfUs = Math.max(0, s.endUs - s.startUs - covered);
    const hop = s.kind === CLIENT && kids.some((k) => k.kind === SERVER && k.service !== s.service);
    const layer = hop ? 'network' : layerOf(s);
    layers.set(layer, (layers.get(layer) ?? 0) + selfUs / 1000);
  }
  const root = roots[0];
  return { traceId: root.traceId, totalMs: (root.endUs - root.startUs) / 1000, layers };
}

/** Spans grouped by trace id, in first-seen order. */
export function groupTraces(spans: readonly TraceSpan[]): TraceSpan[][] {
  const traces = new Map<string, TraceSpan[]>();
  for (const s of spans) {
    const t = traces.get(s.traceId);
    if (t) t.push(s);
    else traces.set(s.traceId, [s]);
  }
  return [...traces.values()];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
/** Nearest-rank percentile: the ⌈p·n⌉-th smallest value (0 for no values). */
const pct = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : 0);

function orderLayers(names: Iterable<string>): string[] {
  const known = LAYER_ORDER.filter((l) => [...names].includes(l));
  return [...known, ...[...names].filter((n) => !LAYER_ORDER.includes(n)).sort()];
}

/** The per-layer breakdown over every complete trace among `spans` (see the module comment). */
export function layerBreakdown(spans: readonly TraceSpan[], opts: BreakdownOptions = {}): LayerBreakdown {
  const all = groupTraces(spans);
  const complete: TraceLayerTimes[] = [];
  for (const t of all) {
    const times = traceLayerTimes(t, opts.serviceLayers ?? DEFAULT_SERVICE_LAYERS);
    if (times) complete.push(times);
  }
  const n = complete.length;
  const totalMean = n ? complete.reduce((a, t) => a + t.totalMs, 0) / n : 0;
  const names = new Set(complete.flatMap((t) => [...t.layers.keys()]));
  const layers = orderLayers(names).map((layer) => {
    const values = complete.map((t) => t.layers.get(layer) ?? 0).sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / n;
    return {
      layer,
      meanMs: round3(mean),
      p50Ms: round3(pct(values, 0.5)),
      p95Ms: round3(pct(values, 0.95)),
      p99Ms: round3(pct(values, 0.99)),
      share: totalMean > 0 ? Math.min(1, Math.round((mean / totalMean) * 10000) / 10000) : 0,
    };
  });
  return {
    source: opts.source ?? 'otlp-traces',
    traces: n,
    incompleteTraces: all.length - n,
    totalMeanMs: round3(totalMean),
    ...(opts.clientMeanMs === undefined ? {} : { clientMeanMs: round3(opts.clientMeanMs), unattributedMs: round3(opts.clientMeanMs - totalMean) }),
    layers,
  };
}
