/** Text forms of statistics shared by the compare table, the gate and the reports. */
import { MetricComparison } from './compare';
import { MetricDefinition } from './metrics';

/** A signed percentage: `+12.3%`, `-0.8%`. */
export function signedPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return fraction > 0 ? '+∞%' : '-∞%';
  const s = (fraction * 100).toFixed(digits);
  return `${fraction >= 0 && !s.startsWith('-') ? '+' : ''}${s === '-0.0' ? '0.0' : s}%`;
}

/** The change of a comparison: relative, or percentage points for error rates. */
export function formatChange(c: MetricComparison): string {
  if (c.metric.id === 'errorRate') return `${c.delta >= 0 ? '+' : ''}${(c.delta * 100).toFixed(2)}pp`;
  return c.change === undefined ? '-' : signedPercent(c.change);
}

/** The CI of the relative change: `+9.1%…+15.0%`, or `-` when there is none. */
export function formatChangeCi(c: MetricComparison): string {
  return c.changeCi ? `${signedPercent(c.changeCi[0])}…${signedPercent(c.changeCi[1])}` : '-';
}

/** A p-value for tables: `0.100`, `<0.001`, `-`. */
export function formatP(p: number | undefined): string {
  if (p === undefined) return '-';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** A value range in the figure's unit: `11.9–12.6 ms`. */
export function formatRange(metric: MetricDefinition, range: readonly [number, number] | undefined): string {
  if (!range) return '-';
  const lo = metric.format(range[0]);
  const hi = metric.format(range[1]);
  const unit = hi.match(/\s?[^\d.\s-]+$/)?.[0] ?? '';
  return unit && lo.endsWith(unit) ? `${lo.slice(0, -unit.length)}–${hi}` : `${lo}–${hi}`;
}
