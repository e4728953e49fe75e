/**
 * The CrossGuard side: the policy list the pack serves (names, levels, config schemas), the
 * adapter from Pulumi resources to manifests, per-policy config through getConfig, what only
 * the pack can see (encrypted Secret fields, `protect`, provider default tags, stack outputs),
 * and preview-time unknowns. The policies' own validate functions are called; no PolicyPack.
 */
import * as fs from 'fs';
import { UnknownValueError, unknownCheckingProxy } from '@pulumi/policy';
import { apiVersionKindOf, manifestFromResource, plainCopy } from '../policies/adapter';
import { buildPolicies, policies } from '../policies/policy-list';
import { ALL_RULES } from '../policies/rules';
import { resolvePolicyConfig } from '../src/policy/config';
import { RuleNotApplicable } from '../src/policy/types';
import { FakeResource, fixture, resourceFromManifest, viaPack } from './fixtures/policies/harness';

const pulumiFixture = (rule: string): { pass: FakeResource[]; fail: FakeResource[] } => JSON.parse(fs.readFileSync(fixture(rule, 'pulumi.json'), 'utf8'));

const deployment = (image: string, extra: Record<string, unknown> = {}): FakeResource =>
  resourceFromManifest({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'lab' },
    spec: { template: { spec: { containers: [{ name: 'api', image, ...extra }] } } },
  });

describe('the policy list', () => {
  it('has one policy per rule, named by the rule id, with its level and its settings as config schema', () => {
    expect(policies.map((p) => p.name)).toEqual(ALL_RULES.map((r) => r.id));
    expect(policies.length).toBeGreaterThanOrEqual(20);
    for (const [i, p] of policies.entries()) {
      const rule = ALL_RULES[i];
      expect(p.enforcementLevel).toBe(rule.level);
      expect(p.description).toBe(rule.description);
      expect(p.configSchema?.properties).toEqual(rule.settingsSchema);
      // CrossGuard refuses a pack whose schema declares enforcementLevel or a policy named "all".
      expect(Object.keys(p.configSchema?.properties ?? {})).not.toContain('enforcementLevel');
      expect(p.name).not.toBe('all');
      expect('validateStack' in p).toBe(rule.scope === 'stack');
    }
  });

  it('has both levels, and every rule names the trusted checks it mirrors', () => {
    expect(new Set(ALL_RULES.map((r) => r.level))).toEqual(new Set(['mandatory', 'advisory']));
    for (const r of ALL_RULES) expect(r.mirrors.length).toBeGreaterThan(0);
  });

  it('has defaults that satisfy each rule\'s own settings schema and match its documented defaults', () => {
    for (const r of ALL_RULES) {
      expect(Object.keys(r.defaults as object).sort()).toEqual(Object.keys(r.settingsSchema).sort());
      // The defaults, written as a policy config, pass the schema (ajv, as perflab check validates).
      expect(() => resolvePolicyConfig({ [r.id]: r.defaults }, ALL_RULES)).not.toThrow();
      for (const [key, schema] of Object.entries(r.settingsSchema)) {
        if (schema.default !== undefined) expect({ rule: r.id, key, value: (r.defaults as Record<string, unknown>)[key] }).toEqual({ rule: r.id, key, value: schema.default });
      }
    }
  });
});

describe('the pack project', () => {
  it('is a Node policy pack whose entry point is index.ts, with one version everywhere', () => {
    const yaml = require('yaml') as typeof import('yaml');
    const project = yaml.parse(fs.readFileSync(`${__dirname}/../policies/PulumiPolicy.yaml`, 'utf8'));
    const pkg = JSON.parse(fs.readFileSync(`${__dirname}/../policies/package.json`, 'utf8'));
    expect(project.runtime).toBe('nodejs');
    expect(pkg.main).toBe('index.ts');
    expect(fs.existsSync(`${__dirname}/../policies/index.ts`)).toBe(true);
    expect(project.version).toBe(pkg.version);
    expect(pkg.dependencies).toBeUndefined(); // everything resolves from the repo root's node_modules
  });

  it('resolves run-policy-pack and every dependency of the pack from its own folder (the repo root\'s node_modules)', () => {
    const dir = `${__dirname}/../policies`;
    for (const m of ['@pulumi/pulumi/cmd/run-policy-pack', '@pulumi/policy', 'ts-node', 'typescript', 'yaml', 'ajv', 'acorn', 'zod']) {
      expect(require.resolve(m, { paths: [dir] })).toContain(`${require('path').resolve(__dirname, '..')}/node_modules/`);
    }
  });

  it('ships an example policy config that is valid for every rule it names', () => {
    const example = JSON.parse(fs.readFileSync(`${__dirname}/../policies/policy-config.example.json`, 'utf8'));
    const resolved = resolvePolicyConfig(example, ALL_RULES);
    expect(resolved.get('read-only-root-filesystem')?.level).toBe('advisory');
    expect(resolved.get('image-pinned')).toMatchObject({ level: 'mandatory', settings: { mutableTags: ['latest', 'stable', 'main', 'edge'] } });
  });
});

describe('the adapter', () => {
  it('derives apiVersion and kind from the type token, and skips components, patches and lists', () => {
    expect(apiVersionKindOf('kubernetes:apps/v1:Deployment')).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(apiVersionKindOf('kubernetes:core/v1:Service')).toEqual({ apiVersion: 'v1', kind: 'Service' });
    expect(apiVersionKindOf('kubernetes:k6.io/v1alpha1:TestRun')).toEqual({ apiVersion: 'k6.io/v1alpha1', kind: 'TestRun' });
    expect(apiVersionKindOf('kubernetes:networking.k8s.io/v1:NetworkPolicy')).toEqual({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' });
    for (const t of ['kubernetes:yaml:ConfigGroup', 'kubernetes:yaml/v2:ConfigGroup', 'kubernetes:helm.sh/v3:Release', 'kubernetes:apps/v1:DeploymentPatch', 'kubernetes:core/v1:ConfigMapList']) {
      expect(apiVersionKindOf(t)).toBeUndefined();
    }
  });

  it('fills the name from the resource and the namespace from the provider, and wraps cloud resources', () => {
    const m = manifestFromResource({ type: 'kubernetes:core/v1:ConfigMap', name: 'script-3f2a', props: { data: { a: 'b' } }, provider: { type: 'pulumi:providers:kubernetes', props: { namespace: 'lab' } } });
    expect(m).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'script-3f2a', namespace: 'lab' }, data: { a: 'b' } });
    const db = manifestFromResource({ type: 'aws:rds/instance:Instance', name: 'pg', props: { instanceClass: 'db.t4g.micro' } });
    expect(db).toEqual({ kind: 'aws:rds/instance:Instance', metadata: { name: 'pg' }, props: { instanceClass: 'db.t4g.micro' } });
    expect(manifestFromResource({ type: 'pulumi:providers:kubernetes', name: 'k3s', props: {} })).toBeUndefined();
  });

  it('lets preview-time unknowns through to the rule that reads them, as CrossGuard expects, and drops output-only fields', () => {
    const unknown = '04da6b54-80e4-46f7-96ec-b56ff0331ba9'; // @pulumi/policy's unknown string sentinel
    const props = unknownCheckingProxy({ metadata: { name: 'api', uid: unknown }, spec: { image: unknown, restartPolicy: 'Never' }, status: unknown });
    const pod = manifestFromResource({ type: 'kubernetes:core/v1:Pod', name: 'api', props }) as { spec: Record<string, unknown> };
    expect(Object.keys(pod.spec)).toEqual(['image', 'restartPolicy']);
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(() => pod.spec.image).toThrow(new UnknownValueError(unknown, ['spec', 'image']).message);
    const known = unknownCheckingProxy({ metadata: { name: 'api', uid: unknown }, spec: { image: 'nginx:1.27.2' }, status: unknown });
    expect(manifestFromResource({ type: 'kubernetes:core/v1:Pod', name: 'api', props: known })).toEqual({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api' }, spec: { image: 'nginx:1.27.2' },
    });
    expect(plainCopy([1, { a: [2] }])).toEqual([1, { a: [2] }]);
  });
});

describe('config through getConfig', () => {
  it('overrides a rule\'s settings: more mutable tags, a bigger vCPU limit, an allow-list', async () => {
    expect(await viaPack('image-pinned', [deployment('redis:stable')])).toEqual([]);
    expect(await viaPack('image-pinned', [deployment('redis:stable')], { config: { 'image-pinned': { mutableTags: ['latest', 'stable'] } } })).toEqual([
      'Deployment/api: container "api" image "redis:stable" uses the mutable tag "stable"; pin a version tag or a digest',
    ]);
    const big = { type: 'aws:rds/instance:Instance', name: 'pg', props: { instanceClass: 'db.r6g.4xlarge' } };
    expect(await viaPack('cloud-size', [big], { config: { 'cloud-size': { maxVcpu: 16 } } })).toEqual([]);
    expect(await viaPack('cloud-size', [big], { config: { 'cloud-size': { allowedSizes: ['db.t4g.*'] } } })).toEqual([
      'aws:rds/instance:Instance/pg: instanceClass db.r6g.4xlarge is not an allowed size (allowed: db.t4g.*)',
    ]);
    const root = deployment('perflab/api:1.0.0', { securityContext: { runAsUser: 0 } });
    expect(await viaPack('run-as-non-root', [root], { config: { 'run-as-non-root': { allow: [{ namespace: 'lab', name: 'a*' }] } } })).toEqual([]);
  });

  it('prices with the lab\'s cost model by default, honours per-stack budgets, and is not applicable when the model cannot price', async () => {
    const huge = resourceFromManifest({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'lab' },
      spec: { replicas: 100, template: { spec: { containers: [{ name: 'api', resources: { requests: { cpu: '1', memory: '1Gi' } } }] } } },
    });
    // 100 cores × $0.031611 + 100 GiB × $0.004237 = $3.5848/h (src/cost, opencost-default)
    expect(await viaPack('cost-budget', [huge], { stack: 'tidy' })).toEqual(['Stack/tidy: estimated cost $3.58/h (opencost-default pricing) exceeds the budget of $2.00/h']);
    const flat = buildPolicies({ estimateHourlyCost: () => 3 });
    expect(await viaPack('cost-budget', [], { policies: flat, stack: 'db-big' })).toEqual(['Stack/db-big: estimated cost $3.00/h (opencost-default pricing) exceeds the budget of $2.00/h']);
    expect(await viaPack('cost-budget', [], { policies: flat, stack: 'db-big', config: { 'cost-budget': { stackBudgets: { 'db-*': 5 } } } })).toEqual([]);
    const broken = buildPolicies({
      estimateHourlyCost: () => {
        throw new RuleNotApplicable('no prices for this region');
      },
    });
    expect(await viaPack('cost-budget', [], { policies: broken })).toEqual(['not applicable: no prices for this region']);
  });
});

describe('what only the pack sees', () => {
  const secret = resourceFromManifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'lab' }, stringData: { password: 'from-config' } });

  it('accepts Secret values Pulumi stores encrypted (additionalSecretOutputs), not others', async () => {
    // @pulumi/kubernetes registers every core/v1 Secret with additionalSecretOutputs ["data", "stringData"].
    expect(await viaPack('no-plaintext-secrets', [{ ...secret, additionalSecretOutputs: ['data', 'stringData'] }])).toEqual([]);
    expect(await viaPack('no-plaintext-secrets', [secret])).toEqual([
      'Secret/db: stringData holds literal values (password) that nothing encrypts; create the Secret in the Pulumi program from a secret config value (pulumi config set --secret)',
    ]);
  });

  it.each(['cloud-tags', 'cloud-size'])('%s on Pulumi-typed cloud resources (for tags, the provider\'s default tags count)', async (rule) => {
    const { pass, fail } = pulumiFixture(rule);
    expect(await viaPack(rule, pass)).toEqual([]);
    expect(await viaPack(rule, fail)).toEqual(
      rule === 'cloud-tags'
        ? [
            'aws:ec2/instance:Instance/loadgen: EC2 instance tags is missing experiment and budget (required: owner, experiment, budget)',
            'azure-native:dbforpostgresql:Server/pg: Azure PostgreSQL server tags is missing owner, experiment and budget (required: owner, experiment, budget)',
          ]
        : [
            'aws:rds/cluster:Cluster/aurora: dbClusterInstanceClass db.r6g.2xlarge has 8 vCPUs, above the maximum of 4',
            'azure-native:compute:VirtualMachine/loadgen: hardwareProfile.vmSize Standard_D8s_v5 has 8 vCPUs, above the maximum of 4',
          ],
    );
  });

  it('cloud-ephemeral sees Pulumi protect and RDS settings on an experiment stack', async () => {
    const { pass, fail } = pulumiFixture('cloud-ephemeral');
    expect(await viaPack('cloud-ephemeral', pass, { stack: 'db-experiment' })).toEqual([]);
    expect(await viaPack('cloud-ephemeral', fail, { stack: 'db-experiment' })).toEqual([
      'aws:rds/instance:Instance/pg: deletionProtection is true; on an experiment stack, pulumi destroy must remove it (set it to false)',
      'aws:rds/instance:Instance/pg: skipFinalSnapshot is not true: destroying the stack would leave a final snapshot that bills until someone deletes it',
      'azure-native:dbforpostgresql:Server/pg-az: the resource is protected (Pulumi protect: true); on an experiment stack, pulumi destroy must remove it',
    ]);
  });

  it('no-plaintext-secret-config reads the stack outputs', async () => {
    const outputs = { p95Ms: 9.8, dbPassword: 'hunter2', apiToken: { value: 'x' }, emptySecret: '' };
    expect(await viaPack('no-plaintext-secret-config', [], { stack: 'tidy', outputs })).toEqual([
      'Stack/tidy: stack output dbPassword looks like a credential; the lab exports results, not credentials (policies cannot see whether an output is marked secret)',
      'Stack/tidy: stack output apiToken looks like a credential; the lab exports results, not credentials (policies cannot see whether an output is marked secret)',
    ]);
  });

  it('reports stack-rule violations against the resource\'s URN', async () => {
    const sts = resourceFromManifest({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'nats', namespace: 'lab' },
      spec: { template: { metadata: { labels: { app: 'nats' } }, spec: { containers: [] } } },
    });
    expect(await viaPack('stateful-pdb', [sts])).toEqual([
      'StatefulSet/nats: no PodDisruptionBudget in its namespace selects its pods (app=nats): a node drain during a run could evict it mid-measurement',
    ]);
  });
});
