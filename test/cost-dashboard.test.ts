/** The Grafana cost dashboard: valid JSON, every query on real OpenCost / cAdvisor / kube-state-metrics metrics, and its sidecar ConfigMap. */
import * as fs from 'fs';
import * as path from 'path';
import { GRAFANA_DASHBOARD_LABEL, costDashboardConfigMap, costDashboardModel } from '../dashboards/configmap';
import { KNOWN_METRICS, OPENCOST_METRICS } from '../dashboards/opencost-metrics';

interface Target {
  expr: string;
  refId: string;
}
interface Panel {
  id: number;
  title: string;
  type: string;
  targets: Target[];
  gridPos: { x: number; y: number; w: number; h: number };
}

const raw = fs.readFileSync(path.join(__dirname, '..', 'dashboards', 'cost.json'), 'utf8');
const dash = JSON.parse(raw) as { uid: string; title: string; panels: Panel[]; templating: { list: Array<{ name: string }> } };
const exprs = dash.panels.flatMap((p) => p.targets.map((t) => t.expr));

/** Metric names in a PromQL expression: every selector in the dashboard is written `name{...}`. */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1]);
}

/** Identifiers used as bare series (not followed by `{` or `(`, not a label or keyword) — must be none. */
function bareSeries(expr: string): string[] {
  const noStrings = expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, '{}');
  const noLabelLists = noStrings.replace(/\b(by|on|without|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const keywords = new Set(['sum', 'max', 'avg', 'min', 'count', 'rate', 'and', 'or', 'unless', 'bool', 'offset', 'label_values']);
  return [...noLabelLists.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*[({])/g)].map((m) => m[1]).filter((w) => !keywords.has(w) && !/^\d/.test(w) && w !== 'e');
}

describe('dashboards/cost.json', () => {
  it('is a Grafana dashboard with a stable uid, a datasource variable and panels laid out', () => {
    expect(dash.uid).toBe('perflab-cost');
    expect(dash.templating.list.map((v) => v.name)).toEqual(['datasource', 'namespace']);
    expect(dash.panels.length).toBeGreaterThanOrEqual(10);
    const ids = dash.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dash.panels) {
      expect(p.targets.length).toBeGreaterThan(0);
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('queries only real metric names, each as an explicit selector', () => {
    for (const e of exprs) {
      const names = metricsIn(e);
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(KNOWN_METRICS).toContain(n);
      expect(bareSeries(e)).toEqual([]);
    }
  });

  it('covers cost per namespace, per label, trend and efficiency with OpenCost’s core metrics', () => {
    const used = new Set(exprs.flatMap(metricsIn));
    for (const m of ['node_total_hourly_cost', 'node_cpu_hourly_cost', 'node_ram_hourly_cost', 'container_cpu_allocation', 'container_memory_allocation_bytes', 'pv_hourly_cost', 'pod_pvc_allocation']) {
      expect(used).toContain(m);
    }
    expect(OPENCOST_METRICS).toContain('kubecost_node_is_spot');
    const titles = dash.panels.map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Cost per hour by namespace', 'Cost trend: cluster vs allocated', 'Cost per hour by experiment', 'CPU efficiency by namespace']));
    expect(exprs.join('\n')).toContain('kube_pod_labels{label_perflab_dev_experiment!=""}');
  });

  it('detects a made-up metric (the check is not vacuous)', () => {
    expect(metricsIn('sum(opencost_namespace_cost{namespace="a"})')).toEqual(['opencost_namespace_cost']);
    expect(KNOWN_METRICS.has('opencost_namespace_cost')).toBe(false);
    expect(bareSeries('sum(node_total_hourly_cost) * 730')).toEqual(['node_total_hourly_cost']);
  });
});

describe('costDashboardConfigMap', () => {
  it('wraps the dashboard for the Grafana sidecar', () => {
    const cm = costDashboardConfigMap({ namespace: 'monitoring', folder: 'perflab' });
    expect(cm.kind).toBe('ConfigMap');
    expect(cm.metadata).toMatchObject({ name: 'perflab-cost-dashboard', namespace: 'monitoring', annotations: { grafana_folder: 'perflab' } });
    expect(cm.metadata.labels[GRAFANA_DASHBOARD_LABEL.key]).toBe('1');
    expect(JSON.parse(cm.data['perflab-cost.json'])).toEqual(costDashboardModel());
    expect(costDashboardConfigMap({ namespace: 'x' }).metadata.annotations).toBeUndefined();
  });
});
