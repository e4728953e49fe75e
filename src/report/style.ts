/** The HTML report's stylesheet, inlined into report.html (no external resources). */
export const REPORT_CSS = `
:root { --fg: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --card: #ffffff;
  --pass: #059669; --warn: #d97706; --fail: #dc2626; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1080px; margin: 0 auto; padding: 28px 28px 64px; }
header.top { display: flex; gap: 24px; align-items: flex-start; justify-content: space-between; padding: 24px 28px; background: var(--card); border: 1px solid var(--line); border-radius: 14px; }
header.top h1 { margin: 0 0 6px; font-size: 22px; letter-spacing: -0.01em; }
header.top .meta { color: var(--muted); font-size: 13px; }
.verdict { flex: none; text-align: right; }
.badge { display: inline-block; padding: 8px 16px; border-radius: 999px; font-weight: 700; letter-spacing: 0.04em; color: #fff; font-size: 15px; }
.badge.PASS { background: var(--pass); } .badge.WARN { background: var(--warn); } .badge.FAIL { background: var(--fail); } .badge.RANKING { background: #4b5563; }
ul.reasons { margin: 10px 0 0; padding: 0; list-style: none; font-size: 13px; color: var(--muted); }
section { margin-top: 22px; padding: 22px 28px; background: var(--card); border: 1px solid var(--line); border-radius: 14px; }
section h2 { margin: 0 0 14px; font-size: 17px; }
section h3 { margin: 18px 0 8px; font-size: 14px; color: var(--muted); font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 14px; }
.card { border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; border-top: 4px solid var(--c, var(--accent)); }
.card .name { font-weight: 650; margin-bottom: 8px; }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0; font-size: 13px; }
.card dt { color: var(--muted); } .card dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
table { width: 100%; border-collapse: collapse; font-size: 13px; margin: 6px 0 4px; }
caption { text-align: left; color: var(--muted); font-size: 12px; padding-bottom: 6px; caption-side: top; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; background: #f1f5f9; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.none { color: #94a3b8; }
.scroll { overflow-x: auto; }
tr:nth-child(even) td { background: #fbfdff; }
td.v-FAIL, td.v-MISSES { color: var(--fail); font-weight: 700; } td.v-WARN { color: var(--warn); font-weight: 700; }
td.v-better, td.v-meets { color: var(--pass); font-weight: 600; } td.v-noise { color: var(--muted); }
.charts { display: grid; grid-template-columns: 1fr; gap: 18px; }
.charts.two { grid-template-columns: 1fr 1fr; }
figure { margin: 0; } figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg .plot-bg { fill: #fcfdff; } svg .grid { stroke: #e8edf3; stroke-width: 1; } svg .grid.minor { stroke: #f1f5f9; } svg .axis { stroke: #94a3b8; stroke-width: 1; }
svg .tick { fill: #64748b; font-size: 11px; } svg .tick.minor { fill: #94a3b8; font-size: 10px; }
svg .axis-label { fill: #475569; font-size: 12px; } svg .legend-bg { fill: #ffffff; fill-opacity: 0.85; stroke: #e2e8f0; } svg .legend { fill: #0f172a; font-size: 12px; }
svg .bar-label { fill: #0f172a; font-size: 12px; font-weight: 600; } svg .bar-value { fill: #334155; font-size: 12px; }
svg .whisker { stroke: #0f172a; stroke-width: 1.5; fill: none; } svg .run-dot { fill: #fff; stroke: #0f172a; stroke-width: 1.2; }
svg .target { stroke: var(--fail); stroke-dasharray: 6 4; stroke-width: 1.5; } svg .change-point { stroke: var(--warn); stroke-dasharray: 4 3; stroke-width: 1.5; } svg .change-label { fill: var(--warn); font-size: 11px; } svg .anomaly { fill: var(--fail); stroke: #fff; stroke-width: 1; } svg .target-label { fill: var(--fail); font-size: 11px; }
ul.list { margin: 0; padding-left: 20px; } ul.list li { margin: 4px 0; }
.kv td:first-child { color: var(--muted); width: 160px; white-space: nowrap; }
footer { color: var(--muted); font-size: 12px; margin-top: 18px; text-align: center; }
@media (max-width: 760px) { .charts.two { grid-template-columns: 1fr; } header.top { flex-direction: column; } .verdict { text-align: left; } }
@media print { body { background: #fff; } section, header.top { break-inside: avoid; } }
svg.flamegraph { display: block; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
svg.flamegraph text { pointer-events: none; } svg.flamegraph .fg-frame:hover rect { stroke: #0f172a; stroke-width: 0.8; }
`;
