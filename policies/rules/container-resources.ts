/**
 * Resource rules on containers: every container states CPU and memory requests and limits, and
 * no limit is below its request. Requests and limits make variants comparable (each gets the
 * same, known share of a node) and make cost allocation possible (OpenCost charges requests).
 */
import { containersOf, joinAnd, podViewOf } from '../../src/policy/manifest';
import { parseQuantity } from '../../src/policy/quantity';
import { ResourceRule } from '../../src/policy/types';

const RESOURCES = ['cpu', 'memory'] as const;

/** Every container sets `resources.requests` and `resources.limits` for both CPU and memory. */
export const containerResources: ResourceRule<Record<string, never>> = {
  scope: 'resource',
  id: 'container-resources',
  description: 'Every container sets CPU and memory requests and limits.',
  level: 'mandatory',
  mirrors: [
    'kube-linter unset-cpu-requirements, unset-memory-requirements',
    'Polaris cpuRequestsMissing, cpuLimitsMissing, memoryRequestsMissing, memoryLimitsMissing',
    'Kyverno best-practices require-requests-limits',
    'Checkov CKV_K8S_10, CKV_K8S_11, CKV_K8S_12, CKV_K8S_13',
  ],
  settingsSchema: {},
  defaults: {},
  check(object) {
    const pod = podViewOf(object);
    if (!pod) return [];
    const out: string[] = [];
    for (const { container, label } of containersOf(pod.spec, { ephemeral: false })) {
      const missing: string[] = [];
      for (const kind of ['requests', 'limits'] as const) {
        for (const r of RESOURCES) {
          const v = container.resources?.[kind]?.[r];
          if (v === undefined || v === null || v === '') missing.push(`resources.${kind}.${r}`);
        }
      }
      if (missing.length) out.push(`${label} does not set ${joinAnd(missing)}`);
    }
    return out;
  },
};

/** Where a container sets both, its CPU and memory limits are at least the requests (and both are quantities). */
export const limitsCoverRequests: ResourceRule<Record<string, never>> = {
  scope: 'resource',
  id: 'limits-cover-requests',
  description: 'Each container\'s CPU and memory limits are valid quantities no smaller than its requests.',
  level: 'mandatory',
  mirrors: [
    'Kubernetes API server validation of resources (a request above its limit is rejected at apply); checked here before apply',
  ],
  settingsSchema: {},
  defaults: {},
  check(object) {
    const pod = podViewOf(object);
    if (!pod) return [];
    const out: string[] = [];
    for (const { container, label } of containersOf(pod.spec, { ephemeral: false })) {
      for (const r of RESOURCES) {
        const request = container.resources?.requests?.[r];
        const limit = container.resources?.limits?.[r];
        const parsed: Record<string, number | undefined> = {};
        for (const [kind, value] of [['requests', request], ['limits', limit]] as const) {
          if (value === undefined || value === null || value === '') continue;
          parsed[kind] = parseQuantity(value);
          if (parsed[kind] === undefined) out.push(`${label} resources.${kind}.${r} ${JSON.stringify(value)} is not a Kubernetes quantity`);
        }
        if (parsed.requests !== undefined && parsed.limits !== undefined && parsed.limits < parsed.requests) {
          out.push(`${label} resources.limits.${r} ${String(limit)} is below resources.requests.${r} ${String(request)}`);
        }
      }
    }
    return out;
  },
};
