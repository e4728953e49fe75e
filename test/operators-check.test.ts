/**
 * `perflab-cluster:operators` and the preinstalled-operators check on their own: the config key
 * (default, allowed values, a misspelt one), the run id it does not change, and the shared
 * helper — what it asks the cluster, the one message naming everything missing, an API failure.
 */
import * as pulumi from '@pulumi/pulumi';
import { ConfigError } from '../src/config/errors';
import { parseClusterConfig } from '../src/cluster/cluster-config';
import { ClusterInventory, staticInventory } from '../src/cluster/cluster-inventory';
import { checkPrerequisites, k6Prerequisites, mergePrerequisites, missingMessage } from '../src/cluster/prerequisites';
import { deriveRunId } from '../src/cluster/run-id';
import { fromNamespacedConfig, parseExperimentConfig } from '../src/config/spec';
import { readStackConfig, stackFilePath } from '../src/cluster/stack-file';

describe('perflab-cluster:operators', () => {
  it('defaults to helm and accepts preinstalled', () => {
    expect(parseClusterConfig({}).operators).toBe('helm');
    expect(parseClusterConfig({ 'perflab-cluster:operators': 'preinstalled' }).operators).toBe('preinstalled');
  });

  it('rejects a misspelt value with a ConfigError naming the key, the value and what is allowed', () => {
    let err: unknown;
    try {
      parseClusterConfig({ 'perflab-cluster:operators': 'helmm' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual(['perflab-cluster:operators: "helmm" is not one of helm, preinstalled']);
  });

  it('does not change the run id: where the operators come from does not shape the run', () => {
    const config = readStackConfig(stackFilePath('db-cnpg'));
    const spec = parseExperimentConfig(fromNamespacedConfig(config));
    const helm = deriveRunId(spec, parseClusterConfig(config), 'db-cnpg');
    expect(deriveRunId(spec, parseClusterConfig({ ...config, 'perflab-cluster:operators': 'preinstalled' }), 'db-cnpg')).toBe(helm);
    expect(deriveRunId(spec, parseClusterConfig({ ...config, 'perflab-cluster:repeat': '1' }), 'db-cnpg')).not.toBe(helm);
  });
});

describe('checkPrerequisites', () => {
  const required = {
    crds: [
      { name: 'clusters.postgresql.cnpg.io', providedBy: 'the CloudNativePG operator' },
      { name: 'streams.jetstream.nats.io', providedBy: 'NACK' },
    ],
    services: [{ namespace: 'opencost', name: 'opencost', providedBy: 'opencost' }],
  };

  it('resolves when the cluster has every CRD and Service', async () => {
    await expect(checkPrerequisites(required, staticInventory(['clusters.postgresql.cnpg.io', 'streams.jetstream.nats.io', 'x.example.com'], ['opencost/opencost']))).resolves.toBeUndefined();
  });

  it('rejects with ONE RunError naming every missing CRD and Service and who provides it', async () => {
    const err = (await checkPrerequisites(required, staticInventory(['streams.jetstream.nats.io'], [], 'the test cluster')).catch((e: unknown) => e)) as Error;
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect(err.message).toBe(
      [
        'Operators not installed: the test cluster lacks 2 things this stack expects to find installed:',
        '  - CustomResourceDefinition clusters.postgresql.cnpg.io (provided by the CloudNativePG operator)',
        '  - Service opencost/opencost (provided by opencost)',
        'Install them (or ask the platform team to), or let the stack install them: perflab-cluster:operators: helm (database: and perflab:installOperator not false).',
      ].join('\n'),
    );
  });

  it('reports a failing API call as a RunError with its message', async () => {
    const broken: ClusterInventory = { crdExists: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6443')), serviceExists: async () => true, describe: () => 'the cluster' };
    const err = (await checkPrerequisites(required, broken).catch((e: unknown) => e)) as Error;
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect(err.message).toMatch(/asking the cluster for what this stack expects to find installed failed: connect ECONNREFUSED 127\.0\.0\.1:6443/);
  });

  it('has no message when nothing is missing, and merges lists without repeats', () => {
    expect(missingMessage({ crds: [], services: [] })).toBe('');
    const merged = mergePrerequisites(required, { crds: [{ name: 'clusters.postgresql.cnpg.io', providedBy: 'other' }, { name: 'testruns.k6.io', providedBy: 'k6-operator' }] });
    expect(merged.crds.map((c) => `${c.name}: ${c.providedBy}`)).toEqual(['clusters.postgresql.cnpg.io: the CloudNativePG operator', 'streams.jetstream.nats.io: NACK', 'testruns.k6.io: k6-operator']);
    expect(merged.services).toHaveLength(1);
  });

  it('needs the k6-operator TestRun CRD in testrun mode whoever installs the operators (no stack installs the k6-operator)', () => {
    expect(k6Prerequisites({ k6Mode: 'testrun' }).crds.map((c) => c.name)).toEqual(['testruns.k6.io']);
    expect(k6Prerequisites({ k6Mode: 'job' }).crds).toEqual([]);
  });

  it('does not suggest operators: helm for a CRD no stack installs', () => {
    const onlyK6 = missingMessage(k6Prerequisites({ k6Mode: 'testrun' }));
    expect(onlyK6).toContain('testruns.k6.io');
    expect(onlyK6).toContain('kubectl apply --server-side -f');
    expect(onlyK6).not.toContain('operators: helm');
    const both = missingMessage(mergePrerequisites({ crds: [{ name: 'clusters.postgresql.cnpg.io', providedBy: 'CloudNativePG' }] }, k6Prerequisites({ k6Mode: 'testrun' })));
    expect(both).toContain('operators: helm');
    expect(both).toContain('No perflab stack installs testruns.k6.io');
  });
});
