/**
 * The self-contained HTML report: inline CSS and inline SVG charts, no scripts, no external
 * resources (it opens offline and from CI artifacts).
 */
import { rightSizingTable } from './right-sizing-table';
import { ReportModel, figure } from './model';
import { capacityChart, costChart, hasLatencyTargets, cpuChart, latencyDistributionChart, memoryChart, throughputChart } from './charts';
import { PALETTE, esc } from './svg';
import { historySeriesChart } from './history-chart';
import { ConfigurationHistory } from '../history/series';
import { changePointLines, costAnomalyLines, historyTitle } from '../history/format';
import { runsOf } from './words';
import { REPORT_CSS } from './style';
import { Table, layersReportTable, rankingTables, capacityIntro, capacityTable, configurationTable, costTable, environmentTable, gateDetailTable, latencyTable, resourcesTable, throughputTable } from './tables';
import { formatMoney } from '../cost/format-money';
import { startupTable } from './startup-table';
import { flamegraphSvg } from './flamegraph';
import { topFramesTable } from './profile-views';
import { ProfileView } from './views';

const badgeClass = (v: string): string => (v === 'PASS' ? 'PASS' : v === 'FAIL' ? 'FAIL' : v === 'RANKING' ? 'RANKING' : 'WARN');

function verdictClass(cellText: string): string {
  if (cellText === 'FAIL' || cellText === 'WARN' || cellText === 'better') return ` v-${cellText}`;
  if (cellText === 'MISSES target') return ' v-MISSES';
  if (cellText === 'meets target') return ' v-meets';
  if (cellText === 'within noise') return ' v-noise';
  return '';
}

/** An HTML table; numeric columns are right-aligned (header too), verdict cells coloured. */
export function htmlTable(t: Table, cls = ''): string {
  const isNum = (s: string | undefined): boolean => /^[-+]?[\d.,]+(\s|%|$|…|\(|[a-zA-Z/])/.test(s ?? '') || s === '<0.001';
  const numeric = t.header.map((_, i) => cls !== 'kv' && t.rows.some((r) => isNum(r[i])) && t.rows.every((r) => isNum(r[i]) || r[i] === '-' || r[i] === ''));
  const cellClass = (i: number, c: string): string => {
    const k = `${numeric[i] ? 'num' : ''}${verdictClass(c)}${c === '-' ? ' none' : ''}`.trim();
    return k ? ` class="${k}"` : '';
  };
  const head = t.header.some((h) => h) ? `<thead><tr>${t.header.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>` : '';
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => `<td${cellClass(i, c)}>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table${cls ? ` class="${cls}"` : ''}>${t.caption ? `<caption>${esc(t.caption)}</caption>` : ''}${head}<tbody>${body}</tbody></table>`;
}

const section = (id: string, title: string, body: string): string => `<section id="${id}"><h2>${esc(title)}</h2>${body}</section>`;
const chart = (svg: string | undefined, caption: string): string => (svg ? `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>` : '');

function summaryCards(m: ReportModel): string {
  const views = [...(m.reference ? [{ v: m.reference, role: 'baseline' }] : []), ...m.candidates.map((c) => ({ v: c.view, role: c.gate ? c.gate.verdict : m.reference ? 'not gated (other configuration)' : 'ranked' }))];
  return `<div class="cards">${views
    .map(({ v, role }) => {
      const f = (id: Parameters<typeof figure>[1]): string => {
        const x = figure(v, id);
        return x ? x.metric.format(x.estimate) : '-';
      };
      const cost = v.group.results.find((r) => r.cost?.costPerMillion !== undefined)?.cost;
      return `<div class="card" style="--c:${v.color}"><div class="name">${esc(v.name)} <span class="meta">· ${esc(role)} · ${runsOf(v.group.results.length)}</span></div><dl>
<dt>throughput</dt><dd>${esc(f('rps'))}</dd><dt>p50</dt><dd>${esc(f('p50'))}</dd><dt>p95</dt><dd>${esc(f('p95'))}</dd><dt>p99</dt><dd>${esc(f('p99'))}</dd>
<dt>errors</dt><dd>${esc(f('errorRate'))}</dd>${cost ? `<dt>cost / 1M</dt><dd>${esc(formatMoney(cost.costPerMillion!, cost.currency))}</dd>` : ''}</dl></div>`;
    })
    .join('')}</div>`;
}

function profileHtml(v: ProfileView): string {
  const top = topFramesTable(v);
  const svg = v.profile ? flamegraphSvg(v.profile) : undefined;
  const missing = v.unavailable.length ? `<ul class="list">${v.unavailable.map((r) => `<li>no profile: ${esc(r)}</li>`).join('')}</ul>` : '';
  return `<h3 style="color:${v.color}">${esc(v.name)}</h3><p class="meta">${esc(v.description)}</p>${missing}${chart(svg, 'Flamegraph: callers above callees, width = share of samples; hover a frame for its samples.')}${top ? htmlTable(top) : ''}`;
}

function historyHtml(h: ConfigurationHistory, i: number): string {
  const color = PALETTE[1 + (i % (PALETTE.length - 1))];
  const notes = [...changePointLines(h), ...costAnomalyLines(h)];
  const charts = h.series.map((s) => chart(historySeriesChart(h, s, color), `${s.label} per run; dashed lines: change points (E-divisive means, permutation test)${s.metric === 'costPerMillion' ? '; red dots: cost outside the band of the runs before it' : ''}.`));
  return `<h3>${esc(historyTitle(h))}</h3>${charts.join('')}<ul class="list">${(notes.length ? notes : ['no change point']).map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`;
}

/** Renders the report as one self-contained HTML document. */
export function renderHtml(m: ReportModel): string {
  const parts: string[] = [];
  const badge = badgeClass(m.verdict);
  parts.push(`<header class="top"><div><h1>${esc(m.title)}</h1><div class="meta">experiment <b>${esc(m.sample.experiment)}</b> · profile <b>${esc(m.sample.profile.name)}</b> · target ${esc(m.sample.target)} · generated ${esc(m.generatedAt)}</div>
<ul class="reasons">${m.verdictReasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></div>
<div class="verdict"><span class="badge ${badge}">${esc(m.verdict)}</span></div></header>`);
  const baselineNote = m.reference ? `<p class="meta">Baseline: <b>${esc(m.reference.name)}</b> (${runsOf(m.reference.group.results.length)})${m.referenceSource ? ` from ${esc(m.referenceSource)}` : ''}. Figures are medians of repeated runs with ${Math.round(m.confidence * 100)}% bootstrap intervals.</p>` : '';
  parts.push(section('summary', 'Summary', summaryCards(m) + baselineNote));
  parts.push(section('configuration', 'Test configuration', `${htmlTable(configurationTable(m), 'kv')}<h3>Environment</h3>${htmlTable(environmentTable(m), 'kv')}`));
  const latency = [chart(latencyDistributionChart(m), `Latency at each percentile from all runs\u2019 merged HDR histograms${hasLatencyTargets(m) ? '; dashed lines are the profile\u2019s targets' : ''}.`), ...m.candidates.map((c) => htmlTable(latencyTable(m, c)))];
  parts.push(section('latency', 'Latency', latency.join('')));
  if (m.rankings.length) parts.push(section('ranking', 'Ranking', rankingTables(m).map((t) => htmlTable(t)).join('')));
  parts.push(section('throughput', 'Throughput', chart(throughputChart(m), 'Median of the runs; whiskers: confidence interval; dots: individual runs.') + htmlTable(throughputTable(m))));
  const res = resourcesTable(m);
  if (res) {
    const charts = [chart(cpuChart(m, 500), 'Average CPU cores.'), chart(memoryChart(m, 500), 'Peak resident memory.')].filter(Boolean);
    parts.push(section('resources', 'Resources', `<div class="charts${charts.length === 2 ? ' two' : ''}">${charts.join('')}</div>${htmlTable(res)}`));
  }
  const startup = startupTable(m);
  if (startup) parts.push(section('startup', 'Startup and image size', htmlTable(startup)));
  const layers = layersReportTable(m);
  if (layers) parts.push(section('layers', 'Layers', htmlTable(layers)));
  const cost = costTable(m);
  if (cost) parts.push(section('cost', 'Cost', chart(costChart(m), 'Median of runs.') + htmlTable(cost)));
  const sizing = rightSizingTable(m);
  if (sizing) parts.push(section('right-sizing', 'Right-sizing', `<div class="scroll">${htmlTable(sizing)}</div>`));
  if (m.capacities.length) {
    parts.push(section('capacity', 'Capacity projection', m.capacities.map((c) => `<p>${esc(capacityIntro(c))}</p>${chart(capacityChart(c), 'Pods needed each month.')}${htmlTable(capacityTable(c))}`).join('')));
  }
  if (m.histories.length) parts.push(section('history', 'History', m.histories.map(historyHtml).join('')));
  if (m.profiles?.length) parts.push(section('profiles', 'CPU profiles', m.profiles.map(profileHtml).join('')));
  parts.push(section('analysis', 'Analysis', `<ul class="list">${m.analysis.map((a) => `<li>${esc(a)}</li>`).join('')}</ul>`));
  parts.push(section('recommendations', 'Recommendations', `<ul class="list">${m.recommendations.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`));
  const gates = m.candidates.map(gateDetailTable).filter((t): t is Table => t !== undefined);
  if (gates.length) parts.push(section('gate', 'Gate details', gates.map((t) => htmlTable(t)).join('')));
  parts.push(section('verdict', 'Verdict', `<p><span class="badge ${badge}">${esc(m.verdict)}</span></p><ul class="list">${m.verdictReasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>`));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.title)} — ${esc(m.verdict)}</title><style>${REPORT_CSS}</style></head>
<body><main>${parts.join('\n')}<footer>perflab report · self-contained (inline SVG, no scripts, no network)</footer></main></body></html>
`;
}
