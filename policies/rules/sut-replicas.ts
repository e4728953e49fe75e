/**
 * The system under test runs at least one replica: a SUT scaled to zero answers nothing, and
 * the run would record connection errors as the variant's result.
 */
import { ResourceRule } from '../../src/policy/types';
import { SUT_SETTINGS_SCHEMA, SutSettings, DEFAULT_SUT_COMPONENTS, isSystemUnderTest } from './lab-roles';

/** Settings of sut-replicas. */
export interface SutReplicaSettings extends SutSettings {
  /** Fewest replicas a SUT may declare. */
  readonly minReplicas: number;
}

/** A SUT Deployment/StatefulSet does not declare fewer than `minReplicas` replicas (unset means 1). */
export const sutReplicas: ResourceRule<SutReplicaSettings> = {
  scope: 'resource',
  id: 'sut-replicas',
  description: 'The system under test (Deployment/StatefulSet with a SUT component label) runs at least one replica.',
  level: 'mandatory',
  mirrors: ['kube-linter minimum-three-replicas (minimum-replicas template, here with minReplicas 1)', 'Polaris deploymentMissingReplicas (here with a minimum of 1)'],
  settingsSchema: { ...SUT_SETTINGS_SCHEMA, minReplicas: { type: 'integer', minimum: 1, default: 1 } },
  defaults: { sutComponents: DEFAULT_SUT_COMPONENTS, minReplicas: 1 },
  check(object, { settings }) {
    if (!isSystemUnderTest(object, settings)) return [];
    const replicas = (object.spec as { replicas?: unknown } | undefined)?.replicas;
    const n = replicas === undefined || replicas === null ? 1 : replicas;
    if (typeof n !== 'number' || !Number.isInteger(n)) return [`spec.replicas ${JSON.stringify(replicas)} is not a whole number`];
    if (n < settings.minReplicas) return [`spec.replicas is ${n}; the system under test needs at least ${settings.minReplicas} replica${settings.minReplicas === 1 ? '' : 's'} to serve the load`];
    return [];
  },
};
