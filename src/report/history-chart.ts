/**
 * The report's history charts: one figure of one configuration over its stored runs, a line with
 * a dot per run, a dashed line at each change point and a red dot on each cost anomaly.
 */
import { ConfigurationHistory, HistorySeries } from '../history/series';
import { historyValueText } from '../history/format';
import { PALETTE, esc, niceScale, svg, tickLabel } from './svg';

const f = (n: number): string => (Math.round(n * 10) / 10).toString();

/** The y range [lo, hi] and tick step around the values (not from zero: a change is what matters). */
function yRange(values: readonly number[]): { lo: number; hi: number; step: number } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const spread = max - min || Math.abs(max) * 0.1 || 1;
  const { step } = niceScale(spread * 1.2, 4);
  const lo = Math.max(0, Math.floor((min - spread * 0.1) / step) * step);
  return { lo, hi: Math.ceil((max + spread * 0.1) / step) * step, step };
}

/** One series of a configuration's history as an inline SVG chart. */
export function historySeriesChart(h: ConfigurationHistory, s: HistorySeries, color = PALETTE[1], width = 760, height = 220): string {
  const m = { l: 72, r: 16, t: 16, b: 40 };
  const w = width - m.l - m.r;
  const ht = height - m.t - m.b;
  const n = s.values.length;
  const X = (i: number): number => m.l + (n === 1 ? w / 2 : (i / (n - 1)) * w);
  const y = yRange(s.values);
  const Y = (v: number): number => m.t + ht - ((v - y.lo) / (y.hi - y.lo)) * ht;
  const parts: string[] = [`<rect x="${m.l}" y="${m.t}" width="${w}" height="${ht}" class="plot-bg"/>`];
  for (let v = y.lo; v <= y.hi + y.step * 1e-6; v += y.step) {
    parts.push(`<line x1="${m.l}" x2="${m.l + w}" y1="${f(Y(v))}" y2="${f(Y(v))}" class="grid"/>`);
    parts.push(`<text x="${m.l - 8}" y="${f(Y(v) + 4)}" class="tick" text-anchor="end">${tickLabel(+v.toPrecision(6))}</text>`);
  }
  const every = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i += every) parts.push(`<text x="${f(X(i))}" y="${m.t + ht + 16}" class="tick" text-anchor="middle">${s.runIndexes[i] + 1}</text>`);
  for (const c of s.changePoints) {
    const x = (X(c.index - 1) + X(c.index)) / 2;
    parts.push(`<line x1="${f(x)}" x2="${f(x)}" y1="${m.t}" y2="${m.t + ht}" class="change-point"><title>${esc(`change point at run ${c.runIndex + 1} (${c.runId}), p=${c.pValue.toFixed(3)}`)}</title></line>`);
    parts.push(`<text x="${f(x + 4)}" y="${m.t + 12}" class="change-label">${esc(`run ${c.runIndex + 1}: ${historyValueText(s, c.meanBefore, h.currency)} → ${historyValueText(s, c.meanAfter, h.currency)}`)}</text>`);
  }
  const d = s.values.map((v, i) => `${i ? 'L' : 'M'}${f(X(i))} ${f(Y(v))}`).join(' ');
  parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" class="history-line"/>`);
  const anomalies = new Set(s.metric === 'costPerMillion' ? h.costAnomalies.map((a) => a.index) : []);
  s.values.forEach((v, i) => {
    const title = `run ${s.runIndexes[i] + 1} (${h.runs[s.runIndexes[i]].id}): ${historyValueText(s, v, h.currency)}${anomalies.has(i) ? ' — outside the cost band' : ''}`;
    parts.push(`<circle cx="${f(X(i))}" cy="${f(Y(v))}" r="${anomalies.has(i) ? 5 : 2.5}" class="${anomalies.has(i) ? 'anomaly' : 'run-dot'}"><title>${esc(title)}</title></circle>`);
  });
  parts.push(`<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${m.t + ht}" class="axis"/><line x1="${m.l}" x2="${m.l + w}" y1="${m.t + ht}" y2="${m.t + ht}" class="axis"/>`);
  parts.push(`<text x="${m.l + w / 2}" y="${height - 6}" class="axis-label" text-anchor="middle">run (oldest first)</text>`);
  const axis = s.metric === 'costPerMillion' && h.currency ? `${s.label} (${h.currency})` : s.label;
  parts.push(`<text transform="translate(14 ${m.t + ht / 2}) rotate(-90)" class="axis-label" text-anchor="middle">${esc(axis)}</text>`);
  return svg(width, height, `${h.configuration}: ${s.label} over time`, parts);
}
