/**
 * The Helm charts the cost tooling installs, pinned by version in this one place. Bump a pin here, then
 * re-run `npx jest test/cost-tooling.test.ts` and the on-cluster check in README.md.
 */
import type { OperatorSource } from '../../src/cluster/cluster-config';
import type { CostToolingConfig } from './config';
import { RELEASE } from './values';

/** A Helm chart at a pinned version. */
export interface PinnedChart {
  readonly repo: string;
  readonly chart: string;
  readonly version: string;
}

/** OpenCost (CNCF), chart from opencost/opencost-helm-chart (app 1.121.1). */
export const OPENCOST_CHART: PinnedChart = { repo: 'https://opencost.github.io/opencost-helm-chart', chart: 'opencost', version: '2.5.29' };

/** Kubecost cost-analyzer (free tier), the optional alternative. */
export const KUBECOST_CHART: PinnedChart = { repo: 'https://kubecost.github.io/cost-analyzer/', chart: 'cost-analyzer', version: '2.7.2' };

/** prometheus-community/prometheus (server + kube-state-metrics + node-exporter), for OpenCost when no Prometheus is given. */
export const PROMETHEUS_CHART: PinnedChart = { repo: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus', version: '27.19.0' };

/** The charts a stack's cost tool installs, in install order (Prometheus before OpenCost): none with `tool: none` or `operators: preinstalled`. */
export function costToolCharts(cfg: Pick<CostToolingConfig, 'tool' | 'installPrometheus' | 'namespace'>, operators: OperatorSource): Array<PinnedChart & { release: string; namespace: string }> {
  if (cfg.tool === 'none' || operators === 'preinstalled') return [];
  const at = (c: PinnedChart, release: string) => ({ ...c, release, namespace: cfg.namespace });
  if (cfg.tool === 'kubecost') return [at(KUBECOST_CHART, RELEASE.kubecost)];
  return [...(cfg.installPrometheus ? [at(PROMETHEUS_CHART, RELEASE.prometheus)] : []), at(OPENCOST_CHART, RELEASE.opencost)];
}
