/**
 * Services stay inside the cluster (ClusterIP): a LoadBalancer bills by the hour and, like a
 * NodePort, opens the service beyond the cluster, and load that enters through one measures the
 * cloud load balancer as well as the variant. Exceptions are allow-listed by namespace/name.
 */
import { isAllowed } from '../../src/policy/allow-list';
import { isKind } from '../../src/policy/manifest';
import { ResourceRule } from '../../src/policy/types';
import { ALLOW_SETTINGS_SCHEMA, AllowSettings, NOTHING_ALLOWED } from './allow-settings';

const EXPOSING_TYPES = ['NodePort', 'LoadBalancer'];

/** No Service is a NodePort or LoadBalancer unless allow-listed. */
export const serviceExposure: ResourceRule<AllowSettings> = {
  scope: 'resource',
  id: 'service-exposure',
  description: 'Services are ClusterIP: NodePort and LoadBalancer only for allow-listed services.',
  level: 'mandatory',
  mirrors: ['kube-linter exposed-services', 'Kyverno best-practices restrict-node-port', 'Kyverno other/restrict-loadbalancer'],
  settingsSchema: ALLOW_SETTINGS_SCHEMA,
  defaults: NOTHING_ALLOWED,
  check(object, { settings }) {
    if (!isKind(object, '', 'Service') || isAllowed(object, settings.allow)) return [];
    const type = (object.spec as { type?: unknown } | undefined)?.type;
    if (typeof type === 'string' && EXPOSING_TYPES.includes(type)) {
      return [`spec.type is ${type}; lab services are ClusterIP (allow-list the service if it must be reachable from outside)`];
    }
    return [];
  },
};
