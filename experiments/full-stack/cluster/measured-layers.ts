/**
 * What the results reader measures besides the app for a composition: one RunResult.resources
 * entry per layer component (gateway, postgres, nats / rabbitmq, redis, otel-collector), the
 * mesh's sidecars (`proxy`), node proxies and control plane (the mesh experiment's profiles),
 * and where the traces are when observability is on.
 */
import { LABEL } from '../../../constructs/labels';
import { MeasuredComponent } from '../../../src/cluster/run-request';
import { clusterBroker } from '../../messaging/cluster/brokers';
import { DEFAULT_SERVICE_LAYERS } from '../trace/layer-breakdown';
import { FullStackChart } from './chart';
import { compositionMesh } from './mesh-enrolment';
import { COLLECTOR_CONTAINER, layerPodSelector } from './releases';
import { TraceSource } from './results-request';

/** The request's `components` and `traces` for a chart's composition. */
export function measuredLayers(chart: FullStackChart, runId: string): { components: MeasuredComponent[]; traces?: TraceSource } {
  const { choice } = chart;
  const mesh = compositionMesh(choice);
  const exclude = mesh.proxyContainers.length ? { excludeContainers: mesh.proxyContainers } : {};
  const ns = chart.namespace as string;
  const components: MeasuredComponent[] = [];
  if (choice.gateway !== 'none') components.push({ component: 'gateway', selector: layerPodSelector('gateway', runId), ...exclude });
  if (chart.database) components.push({ component: 'postgres', selector: chart.database.endpoint.podSelector, ...exclude });
  if (choice.messaging !== 'none') components.push({ component: choice.messaging, selector: clusterBroker(choice.messaging, ns).podSelector, ...exclude });
  if (chart.cache) components.push({ component: 'redis', selector: chart.cache.selector, ...exclude });
  if (choice.observability !== 'none') components.push({ component: 'otel-collector', selector: layerPodSelector('observability', runId), ...exclude });
  if (mesh.proxyContainers.length) components.push({ component: 'proxy', selector: { [LABEL.run]: runId }, containers: mesh.proxyContainers });
  for (const p of [...mesh.nodeProxies, ...mesh.controlPlane]) components.push({ component: p.component, namespace: p.namespace, selector: p.selector });
  const traces = choice.observability === 'otel' ? { namespace: ns, selector: layerPodSelector('observability', runId), container: COLLECTOR_CONTAINER, serviceLayers: { ...DEFAULT_SERVICE_LAYERS } } : undefined;
  return { components, ...(traces ? { traces } : {}) };
}
