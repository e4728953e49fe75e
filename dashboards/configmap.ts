/**
 * The Grafana cost dashboard (dashboards/cost.json) wrapped in a ConfigMap that Grafana's dashboard
 * sidecar (kube-prometheus-stack, grafana chart `sidecar.dashboards`) picks up by its label
 * `grafana_dashboard: "1"`. The result is a plain manifest, for cdk8s, a Pulumi ConfigMap or kubectl.
 */
import costDashboard from './cost.json';
import { SHARED_COMPONENT_LABEL } from '../constructs/labels';

/** The label Grafana's sidecar selects dashboards by, and its value. */
export const GRAFANA_DASHBOARD_LABEL = { key: 'grafana_dashboard', value: '1' } as const;

/** A ConfigMap manifest. */
export interface ConfigMapManifest {
  readonly apiVersion: 'v1';
  readonly kind: 'ConfigMap';
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly data: Readonly<Record<string, string>>;
}

/** Where the dashboard ConfigMap goes. */
export interface DashboardConfigMapOptions {
  readonly namespace: string;
  /** @default perflab-cost-dashboard */
  readonly name?: string;
  /** Grafana folder (the sidecar's `grafana_folder` annotation, honoured when folderAnnotation is set). */
  readonly folder?: string;
}

/** The cost dashboard as a Grafana dashboard model (a fresh copy). */
export function costDashboardModel(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(costDashboard)) as Record<string, unknown>;
}

/** The cost dashboard in a ConfigMap labelled `grafana_dashboard: "1"`. */
export function costDashboardConfigMap(opts: DashboardConfigMapOptions): ConfigMapManifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: opts.name ?? 'perflab-cost-dashboard',
      namespace: opts.namespace,
      labels: {
        [GRAFANA_DASHBOARD_LABEL.key]: GRAFANA_DASHBOARD_LABEL.value,
        'app.kubernetes.io/name': 'perflab-cost-dashboard',
        'app.kubernetes.io/part-of': 'perflab',
        'app.kubernetes.io/managed-by': 'perflab',
        // Shared infrastructure: belongs to no run, so it carries no run labels.
        [SHARED_COMPONENT_LABEL]: 'cost-tooling',
      },
      ...(opts.folder ? { annotations: { grafana_folder: opts.folder } } : {}),
    },
    data: { 'perflab-cost.json': JSON.stringify(costDashboard, null, 2) },
  };
}
