/** The native-vs-wrk measurement as a Markdown table, with how it was placed and the machine's load. */
import { median } from 'simple-statistics';
import { describePlacement } from '../../../src/local/cpu-affinity';
import { AgainstWrk, medianRps } from './alternating';

const k = (rps: number): string => `${(rps / 1000).toFixed(1)}k`;

/** Rows per variant: both tools' median RPS, their ratio, ×node through each tool, CPU µs per request. */
export function againstWrkTable(m: AgainstWrk): string {
  const node = m.variants.find((v) => v.variant === 'node');
  const lines = [
    `GET /json, ${m.connections} keep-alive connections, ${m.rounds} alternating rounds × ${m.seconds} s per tool (medians); ` +
      `${describePlacement(m.placement)}; load average ${m.loadAverageBefore.toFixed(2)} → ${m.loadAverageAfter.toFixed(2)}`,
    '',
    '| /json | native RPS | wrk RPS | native / wrk | ×node native | ×node wrk | native CPU µs/req | wrk CPU µs/req |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const v of [...m.variants].sort((a, b) => medianRps(b.wrk) - medianRps(a.wrk))) {
    const [n, w] = [medianRps(v.native), medianRps(v.wrk)];
    const x = (side: 'native' | 'wrk'): string => (node ? (medianRps(v[side]) / medianRps(node[side])).toFixed(2) : '-');
    lines.push(
      `| ${v.variant} | ${k(n)} | ${k(w)} | ${(n / w).toFixed(2)} | ${x('native')} | ${x('wrk')} | ${median(v.native.cpuMicrosPerRequest).toFixed(1)} | ${median(v.wrk.cpuMicrosPerRequest).toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
