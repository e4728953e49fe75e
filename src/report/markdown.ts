/** The Markdown report: the same sections and tables as the HTML one, without charts. */
import { ReportModel } from './model';
import { rightSizingTable } from './right-sizing-table';
import { runsOf } from './words';
import { changePointLines, costAnomalyLines, historyTitle } from '../history/format';
import { Table, layersReportTable, rankingTables, capacityIntro, capacityTable, configurationTable, costTable, environmentTable, gateDetailTable, latencyTable, resourcesTable, throughputTable } from './tables';
import { startupTable } from './startup-table';
import { topFramesTable } from './profile-views';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table (numbers right-aligned). */
export function markdownTable(t: Table): string {
  const isNumber = (c: string | undefined): boolean => /^[-+]?[\d.,]+/.test(c ?? '');
  const numeric = (col: number): boolean => t.rows.some((r) => isNumber(r[col])) && t.rows.every((r) => isNumber(r[col]) || r[col] === '-');
  const lines = [
    ...(t.caption ? [`*${cell(t.caption)}*`, ''] : []),
    `| ${t.header.map(cell).join(' | ')} |`,
    `| ${t.header.map((_, i) => (numeric(i) ? '---:' : '---')).join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Renders the report as Markdown. */
export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [];
  // Headings and tables are separate blocks (blank line after each); bullets stay together.
  const add = (...lines: string[]): void => {
    for (const l of lines) out.push(l, ...(l.startsWith('#') || l.startsWith('|') || l.startsWith('*') ? [''] : []));
    if (out[out.length - 1] !== '') out.push('');
  };
  add(`# ${m.title}`);
  add(`**Verdict: ${m.verdict}**`, ...m.verdictReasons.map((r) => `- ${r}`));
  add('## Summary');
  const runs = m.candidates.map((c) => `${c.view.name} (${runsOf(c.view.group.results.length)})`).join(', ');
  add(
    `- Experiment **${m.sample.experiment}**, profile **${m.sample.profile.name}**, target ${m.sample.target}`,
    `- ${m.reference ? 'Candidates' : 'Configurations'}: ${runs}`,
    m.reference ? `- Baseline: ${m.reference.name} (${runsOf(m.reference.group.results.length)})${m.referenceSource ? ` from ${m.referenceSource}` : ''}` : '- Baseline: none — a side-by-side ranking, no pass/fail',
    `- Generated ${m.generatedAt}; intervals at ${Math.round(m.confidence * 100)}% confidence (seeded bootstrap)`,
  );
  add('## Test configuration', markdownTable(configurationTable(m)));
  add('### Environment', markdownTable(environmentTable(m)));
  add('## Latency');
  for (const c of m.candidates) add(markdownTable(latencyTable(m, c)));
  if (m.rankings.length) add('## Ranking', ...rankingTables(m).map(markdownTable));
  add('## Throughput', markdownTable(throughputTable(m)));
  const res = resourcesTable(m);
  if (res) add('## Resources', markdownTable(res));
  const startup = startupTable(m);
  if (startup) add('## Startup and image size', markdownTable(startup));
  const layers = layersReportTable(m);
  if (layers) add('## Layers', markdownTable(layers));
  const cost = costTable(m);
  if (cost) add('## Cost', markdownTable(cost));
  const sizing = rightSizingTable(m);
  if (sizing) add('## Right-sizing', markdownTable(sizing));
  if (m.capacities.length) add('## Capacity projection', ...m.capacities.flatMap((c) => [capacityIntro(c), markdownTable(capacityTable(c))]));
  if (m.histories.length) {
    add('## History', ...m.histories.flatMap((h) => [`### ${historyTitle(h)}`, ...[...changePointLines(h), ...costAnomalyLines(h)].map((l) => `- ${l}`), ...(h.series.every((s) => !s.changePoints.length) ? ['- no change point'] : [])]));
  }
  if (m.profiles?.length) {
    add('## CPU profiles', ...m.profiles.flatMap((v) => [`- ${v.name}: ${v.description}${v.unavailable.map((r) => `; no profile: ${r}`).join('')}`, ...[topFramesTable(v)].filter((t): t is Table => t !== undefined).map(markdownTable)]));
  }
  add('## Analysis', ...m.analysis.map((a) => `- ${a}`));
  add('## Recommendations', ...m.recommendations.map((r) => `- ${r}`));
  const gates = m.candidates.map(gateDetailTable).filter((t): t is Table => t !== undefined);
  if (gates.length) add('## Gate details', ...gates.map(markdownTable).flatMap((t) => [t, '']));
  add(`## Verdict`, `**${m.verdict}** — ${m.verdictReasons.join('; ')}`);
  return `${out.join('\n').trimEnd()}\n`;
}
