/**
 * Long-running workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet) declare readiness and
 * liveness probes. Without readiness, load reaches pods that cannot serve yet and the warm-up
 * shows up as errors and latency of the variant; without liveness, a wedged pod keeps taking
 * load for the whole run. Jobs (the load run itself) are not probed.
 */
import { isAllowed } from '../../src/policy/allow-list';
import { LONG_RUNNING_KINDS, containersOf, joinAnd, podViewOf } from '../../src/policy/manifest';
import { ResourceRule } from '../../src/policy/types';
import { ALLOW_SETTINGS_SCHEMA, AllowSettings, NOTHING_ALLOWED } from './allow-settings';

/** Every regular container of a long-running workload has a readinessProbe and a livenessProbe. */
export const workloadProbes: ResourceRule<AllowSettings> = {
  scope: 'resource',
  id: 'workload-probes',
  description: 'Containers of Deployments, StatefulSets, DaemonSets and ReplicaSets have readiness and liveness probes.',
  level: 'mandatory',
  mirrors: [
    'kube-linter no-readiness-probe, no-liveness-probe',
    'Polaris readinessProbeMissing, livenessProbeMissing',
    'Kyverno best-practices require-probes',
    'Checkov CKV_K8S_8, CKV_K8S_9',
  ],
  settingsSchema: ALLOW_SETTINGS_SCHEMA,
  defaults: NOTHING_ALLOWED,
  check(object, { settings }) {
    if (!LONG_RUNNING_KINDS.has(object.kind ?? '')) return [];
    const pod = podViewOf(object);
    if (!pod || isAllowed(object, settings.allow)) return [];
    return containersOf({ containers: pod.spec.containers }).flatMap(({ container, label }) => {
      const missing = (['readinessProbe', 'livenessProbe'] as const).filter((p) => !container[p]);
      return missing.length ? [`${label} has no ${joinAnd(missing.map((p, i) => (i === 0 ? p : `no ${p}`)))}`] : [];
    });
  },
};
