/**
 * Inline SVG charts for the HTML report, generated here (no chart library, no network): the
 * latency percentile distribution on HdrHistogram's log-ish percentile axis, horizontal bars
 * with confidence whiskers and per-run dots, and column charts for projections.
 */

/** Series colours: the reference first, then candidates. */
export const PALETTE = ['#64748b', '#2563eb', '#e11d48', '#059669', '#d97706', '#7c3aed', '#0891b2'];

/** Escapes text for SVG/HTML. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const f = (n: number): string => (Math.round(n * 10) / 10).toString();

/** A "nice" upper bound and tick step for a maximum value (1, 2, 2.5, 5 × 10^k). */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/** A tick's text: whole numbers as they are, others with two significant digits. */
export const tickLabel = (v: number): string => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : String(+v.toPrecision(2)));

/** One line of the percentile chart: latency (ms) at percentiles. */
export interface PercentileSeries {
  readonly name: string;
  readonly color: string;
  /** [x, ms] with x = −log10(1 − percentile/100). */
  readonly points: readonly (readonly [number, number])[];
}

/** A horizontal reference line (e.g. a p95 target). */
export interface ReferenceLine {
  readonly label: string;
  readonly value: number;
}

/** The x position of a percentile on HdrHistogram's axis: 90 → 1, 99 → 2, 99.9 → 3. */
export function percentileAxis(percentile: number): number {
  return -Math.log10(1 - Math.min(percentile, 99.99999) / 100);
}

/** The latency percentile distribution chart. */
export function percentileChart(series: readonly PercentileSeries[], lines: readonly ReferenceLine[] = [], width = 760, height = 340): string {
  const m = { l: 64, r: 20, t: 24, b: 52 };
  const w = width - m.l - m.r;
  const h = height - m.t - m.b;
  const xMax = Math.max(1, Math.ceil(Math.max(...series.flatMap((s) => s.points.map((p) => p[0]))) - 1e-9));
  const values = series.flatMap((s) => s.points.map((p) => p[1]));
  const dataMax = Math.max(...values);
  const dataMin = Math.max(1e-3, Math.min(...values.filter((v) => v > 0)));
  // A few extreme samples can be 100× the median: then a log axis keeps the body readable.
  const log = dataMax / dataMin > 30;
  const shown = lines.filter((l) => (log ? l.value <= dataMax * 3 : l.value <= dataMax * 1.6));
  const parts: string[] = [];
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${w}" height="${h}" class="plot-bg"/>`);
  const X = (x: number): number => m.l + (x / xMax) * w;
  let Y: (v: number) => number;
  if (log) {
    const lo = Math.floor(Math.log10(dataMin));
    const hi = Math.ceil(Math.log10(Math.max(dataMax, ...shown.map((l) => l.value))));
    Y = (v: number): number => m.t + h - ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * h;
    for (let e = lo; e <= hi; e++) {
      for (const k of [1, 2, 5]) {
        const v = k * 10 ** e;
        if (v > 10 ** hi) break;
        parts.push(`<line x1="${m.l}" x2="${m.l + w}" y1="${f(Y(v))}" y2="${f(Y(v))}" class="grid${k === 1 ? '' : ' minor'}"/>`);
        parts.push(`<text x="${m.l - 8}" y="${f(Y(v) + 4)}" class="tick${k === 1 ? '' : ' minor'}" text-anchor="end">${tickLabel(v)}</text>`);
      }
    }
  } else {
    const y = niceScale(Math.max(dataMax, ...shown.map((l) => l.value)) * 1.05);
    Y = (v: number): number => m.t + h - (v / y.max) * h;
    for (let v = 0; v <= y.max + 1e-9; v += y.step) {
      parts.push(`<line x1="${m.l}" x2="${m.l + w}" y1="${f(Y(v))}" y2="${f(Y(v))}" class="grid"/>`);
      parts.push(`<text x="${m.l - 8}" y="${f(Y(v) + 4)}" class="tick" text-anchor="end">${tickLabel(v)}</text>`);
    }
  }
  const names = ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%', '99.9999%'];
  for (let x = 0; x <= xMax; x++) {
    parts.push(`<line x1="${f(X(x))}" x2="${f(X(x))}" y1="${m.t}" y2="${m.t + h}" class="grid"/>`);
    parts.push(`<text x="${f(X(x))}" y="${m.t + h + 18}" class="tick" text-anchor="middle">${names[x] ?? ''}</text>`);
  }
  for (const p of [50, 75]) {
    const x = percentileAxis(p);
    parts.push(`<line x1="${f(X(x))}" x2="${f(X(x))}" y1="${m.t + h}" y2="${m.t + h + 5}" class="axis"/>`);
    parts.push(`<text x="${f(X(x))}" y="${m.t + h + 18}" class="tick minor" text-anchor="middle">${p}%</text>`);
  }
  for (const l of shown) {
    parts.push(`<line x1="${m.l}" x2="${m.l + w}" y1="${f(Y(l.value))}" y2="${f(Y(l.value))}" class="target"/>`);
    parts.push(`<text x="${m.l + w - 6}" y="${f(Y(l.value) - 6)}" class="target-label" text-anchor="end">${esc(l.label)}</text>`);
  }
  series.forEach((s) => {
    const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${f(X(p[0]))} ${f(Y(p[1]))}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2.5" stroke-linejoin="round" class="series"><title>${esc(s.name)}</title></path>`);
  });
  const legendW = 24 + Math.max(...series.map((s) => s.name.length)) * 7;
  parts.push(`<rect x="${m.l + 6}" y="${m.t + 4}" width="${f(legendW + 16)}" height="${series.length * 20 + 6}" rx="6" class="legend-bg"/>`);
  series.forEach((s, i) => {
    const ly = m.t + 16 + i * 20;
    parts.push(`<rect x="${m.l + 14}" y="${ly - 9}" width="14" height="4" rx="2" fill="${s.color}"/>`);
    parts.push(`<text x="${m.l + 34}" y="${ly - 3}" class="legend">${esc(s.name)}</text>`);
  });
  parts.push(`<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${m.t + h}" class="axis"/><line x1="${m.l}" x2="${m.l + w}" y1="${m.t + h}" y2="${m.t + h}" class="axis"/>`);
  parts.push(`<text x="${m.l + w / 2}" y="${height - 10}" class="axis-label" text-anchor="middle">percentile (log scale of 1 − p)</text>`);
  parts.push(`<text transform="translate(16 ${m.t + h / 2}) rotate(-90)" class="axis-label" text-anchor="middle">latency (ms${log ? ', log scale' : ''})</text>`);
  return svg(width, height, 'Latency by percentile', parts);
}

/** One bar: a value with an optional CI and the runs it summarizes. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
  readonly runs?: readonly number[];
  readonly color: string;
  /** Text printed after the bar. */
  readonly text: string;
}

/** Horizontal bars with CI whiskers and run dots. */
export function barChart(title: string, bars: readonly Bar[], axisLabel: string, width = 760): string {
  const rowH = 34;
  const m = width < 600 ? { l: 80, r: 90, t: 12, b: 40 } : { l: 120, r: 120, t: 12, b: 40 };
  const height = m.t + m.b + bars.length * rowH;
  const w = width - m.l - m.r;
  const x = niceScale(Math.max(...bars.map((b) => Math.max(b.value, b.high ?? 0, ...(b.runs ?? [])))) * 1.02);
  const X = (v: number): number => m.l + (v / x.max) * w;
  const parts: string[] = [];
  for (let v = 0; v <= x.max + 1e-9; v += x.step) {
    parts.push(`<line x1="${f(X(v))}" x2="${f(X(v))}" y1="${m.t}" y2="${height - m.b}" class="grid"/>`);
    parts.push(`<text x="${f(X(v))}" y="${height - m.b + 16}" class="tick" text-anchor="middle">${tickLabel(v)}</text>`);
  }
  bars.forEach((b, i) => {
    const top = m.t + i * rowH + 6;
    const mid = top + (rowH - 12) / 2;
    parts.push(`<text x="${m.l - 10}" y="${f(mid + 4)}" class="bar-label" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(`<rect x="${m.l}" y="${top}" width="${f(Math.max(1, X(b.value) - m.l))}" height="${rowH - 12}" rx="3" fill="${b.color}" class="bar"><title>${esc(`${b.label}: ${b.text}`)}</title></rect>`);
    if (b.low !== undefined && b.high !== undefined && b.high > b.low) {
      parts.push(`<path d="M${f(X(b.low))} ${f(mid)} H${f(X(b.high))} M${f(X(b.low))} ${f(mid - 6)} V${f(mid + 6)} M${f(X(b.high))} ${f(mid - 6)} V${f(mid + 6)}" class="whisker"/>`);
    }
    for (const r of b.runs ?? []) parts.push(`<circle cx="${f(X(r))}" cy="${f(mid)}" r="3" class="run-dot"/>`);
    parts.push(`<text x="${f(Math.max(X(b.value), X(b.high ?? 0), ...(b.runs ?? []).map(X)) + 8)}" y="${f(mid + 4)}" class="bar-value">${esc(b.text)}</text>`);
  });
  parts.push(`<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${height - m.b}" class="axis"/>`);
  parts.push(`<text x="${m.l + w / 2}" y="${height - 8}" class="axis-label" text-anchor="middle">${esc(axisLabel)}</text>`);
  return svg(width, height, title, parts);
}

/** One column of a column chart. */
export interface Column {
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

/** Vertical columns (e.g. pods needed per month). */
export function columnChart(title: string, columns: readonly Column[], axisLabel: string, color = PALETTE[1], width = 760, height = 260): string {
  const m = { l: 56, r: 16, t: 24, b: 44 };
  const w = width - m.l - m.r;
  const h = height - m.t - m.b;
  const y = niceScale(Math.max(...columns.map((c) => c.value)) * 1.1);
  const Y = (v: number): number => m.t + h - (v / y.max) * h;
  const slot = w / Math.max(1, columns.length);
  const parts: string[] = [];
  for (let v = 0; v <= y.max + 1e-9; v += y.step) {
    parts.push(`<line x1="${m.l}" x2="${m.l + w}" y1="${f(Y(v))}" y2="${f(Y(v))}" class="grid"/>`);
    parts.push(`<text x="${m.l - 8}" y="${f(Y(v) + 4)}" class="tick" text-anchor="end">${tickLabel(v)}</text>`);
  }
  columns.forEach((c, i) => {
    const x = m.l + i * slot + slot * 0.18;
    const bw = slot * 0.64;
    parts.push(`<rect x="${f(x)}" y="${f(Y(c.value))}" width="${f(bw)}" height="${f(m.t + h - Y(c.value))}" rx="3" fill="${color}" class="bar"><title>${esc(`${c.label}: ${c.text}`)}</title></rect>`);
    parts.push(`<text x="${f(x + bw / 2)}" y="${f(Y(c.value) - 6)}" class="bar-value" text-anchor="middle">${esc(c.text)}</text>`);
    parts.push(`<text x="${f(x + bw / 2)}" y="${m.t + h + 16}" class="tick" text-anchor="middle">${esc(c.label)}</text>`);
  });
  parts.push(`<line x1="${m.l}" x2="${m.l + w}" y1="${m.t + h}" y2="${m.t + h}" class="axis"/>`);
  parts.push(`<text x="${m.l + w / 2}" y="${height - 8}" class="axis-label" text-anchor="middle">${esc(axisLabel)}</text>`);
  return svg(width, height, title, parts);
}

/** Wraps chart parts in the report's inline <svg> element. */
export function svg(width: number, height: number, title: string, parts: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(title)}" class="chart"><title>${esc(title)}</title>${parts.join('')}</svg>`;
}
