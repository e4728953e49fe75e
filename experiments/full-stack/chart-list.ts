/**
 * The Helm charts a composition installs, as `perflab preflight` looks them up: the releases the
 * component creates (compositionReleases: mesh, Collector, Traefik, NATS) plus the CloudNativePG
 * operator for a postgres database; none with `perflab-cluster:operators: preinstalled`. The
 * RabbitMQ operator comes as a release manifest, not a chart.
 */
import type { ChartRef } from '../../src/cluster/chart-index';
import type { StackSpec } from '../../src/cluster/stack-spec';
import { operatorCharts } from '../database/operators';
import { NO_LINKERD_IDENTITY } from '../mesh/helm-releases';
import { buildFullStackChart, runPodLabels } from './cluster/chart';
import { podMeta } from './cluster/mesh-enrolment';
import { compositionReleases } from './cluster/releases';

/** The charts of a full-stack stack, in install order. */
export function fullStackCharts(s: StackSpec): ChartRef[] {
  if (s.options.operators !== 'helm') return [];
  const { settings, choice, identity } = buildFullStackChart(s.spec, s.runId, s.options);
  const meta = podMeta(choice, settings.preset);
  const ctx = { namespace: s.spec.namespace, target: s.spec.target, runLabels: (layer: Parameters<typeof runPodLabels>[1], n: string) => runPodLabels(identity, layer, n), gatewayPods: meta.gateway, brokerPods: meta.messaging, gatewayApiCrds: s.options.gatewayApiCrds };
  const releases = compositionReleases(settings, ctx, NO_LINKERD_IDENTITY).map(({ spec: r }) => ({ repo: r.repo, chart: r.chart, version: r.version, release: r.name, namespace: r.namespace, values: r.values }));
  const database = choice.database === 'postgres' ? operatorCharts('cnpg') : [];
  return [...releases, ...database];
}
