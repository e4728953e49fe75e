/**
 * `perflab history` output: per configuration, one sparkline per figure with its first and last
 * value, `^` under each change point and `!` under each cost anomaly, then one line per change
 * point and anomaly naming the run; or the same as JSON.
 */
import { formatMoney } from '../cost/format-money';
import { ConfigurationHistory, HistorySeries } from './series';
import { markerLine, sparkline } from './sparkline';

/** The value of a figure with its unit. */
export function historyValueText(s: HistorySeries, v: number, currency: string | undefined): string {
  if (s.metric === 'costPerMillion') return formatMoney(v, currency);
  if (s.metric === 'p95') return `${+v.toPrecision(3)} ms`;
  return `${+v.toPrecision(4)} /s`;
}

const pct = (x: number | undefined): string => (x === undefined ? 'n/a' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);
const day = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** One sentence per change point, naming the figure, the run, the levels and the p-value. */
export function changePointLines(h: ConfigurationHistory): string[] {
  return h.series.flatMap((s) =>
    s.changePoints.map(
      (c) => `change point in ${s.label}: at run ${c.runIndex + 1} (${c.runId}, ${day(c.startedAt)}): ${historyValueText(s, c.meanBefore, h.currency)} → ${historyValueText(s, c.meanAfter, h.currency)} (${pct(c.relativeChange)}, p=${c.pValue.toFixed(3)})`,
    ),
  );
}

/** One sentence per run whose cost per 1M left its band. */
export function costAnomalyLines(h: ConfigurationHistory): string[] {
  return h.costAnomalies.map(
    (a) =>
      `cost anomaly: run ${a.runIndex + 1} (${a.runId}, ${day(a.startedAt)}) cost ${formatMoney(a.value, h.currency)} per 1M is ${a.direction} the band ${formatMoney(a.band.low, h.currency)} – ${formatMoney(a.band.high, h.currency)} of the ${a.historyRuns} runs before it`,
  );
}

/** `configuration [workload w] — N runs, first … last`. */
export function historyTitle(h: ConfigurationHistory): string {
  return `${h.configuration}${h.workload ? ` workload ${h.workload}` : ''} — ${h.runs.length} runs, ${day(h.runs[0].startedAt)} … ${day(h.runs[h.runs.length - 1].startedAt)}`;
}

/** The text of one configuration's history. */
export function formatHistory(h: ConfigurationHistory): string {
  const lines = [historyTitle(h)];
  const width = Math.max(...h.series.map((s) => s.label.length));
  for (const s of h.series) {
    const first = historyValueText(s, s.values[0], h.currency);
    const last = historyValueText(s, s.values[s.values.length - 1], h.currency);
    lines.push(`  ${s.label.padEnd(width)}  ${sparkline(s.values)}  ${first} → ${last}`);
    const marks = s.changePoints.map((c) => c.index);
    const anomalies = s.metric === 'costPerMillion' ? h.costAnomalies.map((a) => a.index) : [];
    if (marks.length || anomalies.length) {
      const line = markerLine(s.values.length, anomalies, '!').padEnd(s.values.length).split('');
      for (const m of marks) line[m] = '^';
      lines.push(`  ${' '.repeat(width)}  ${line.join('').trimEnd()}`);
    }
  }
  const cps = changePointLines(h);
  lines.push(...(cps.length ? cps : ['no change point (E-divisive means, permutation test)']).map((l) => `  ${l}`));
  lines.push(...costAnomalyLines(h).map((l) => `  ${l}`));
  return lines.join('\n');
}

/** The histories as one JSON document. */
export function historyJson(histories: readonly ConfigurationHistory[]): string {
  return JSON.stringify(
    {
      method: { changePoints: 'e-divisive means (Matteson & James 2014) with a permutation test', costBand: 'median ± k·1.4826·MAD of the previous runs' },
      configurations: histories,
    },
    null,
    2,
  );
}
