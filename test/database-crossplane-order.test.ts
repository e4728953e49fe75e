/**
 * The Crossplane RDS path applies the Provider package, waits for it to be Healthy, and only
 * then the `rds.aws.upbound.io` Instance: the Instance's CRD is installed by the provider
 * package once it is healthy (crossplane v1.20.0 apis/pkg/v1/conditions.go: `Installed`,
 * `Healthy`), so an Instance applied with the Provider fails with "no matches for kind".
 * Checked under Pulumi mocks on what the SDK sends the engine: the Instance's group lists the
 * Provider among its dependencies, and the Provider carries the provider's await annotation
 * (pulumi-kubernetes ≥ 4.18, `pulumi.com/waitFor`, pulumi/pulumi-kubernetes#3134).
 */
import * as path from 'path';
import { fromNamespacedConfig, parseExperimentConfig } from '../src/config/spec';
import { DEFAULT_CLUSTER_OPTIONS } from '../src/cluster/cluster-config';
import { deriveRunId } from '../src/cluster/run-id';
import { readStackConfig } from '../src/cluster/stack-file';
import { Pulumi, waitForRPCs } from './helpers/pulumi-program';

interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn?: string;
  readonly parent: string;
  readonly dependencies: string[];
  readonly inputs?: Record<string, any>;
}

/** Registers the db-rds stack with the Crossplane provisioner under mocks; returns every registration request. */
async function register(): Promise<Registration[]> {
  const config = { ...readStackConfig(path.join(__dirname, '..', 'stacks', 'Pulumi.db-rds.yaml')), 'perflab:provisioner': 'crossplane' };
  const spec = parseExperimentConfig(fromNamespacedConfig(config));
  const runId = deriveRunId(spec, DEFAULT_CLUSTER_OPTIONS, 'db-rds');
  const out: Registration[] = [];
  const inputs = new Map<string, Record<string, any>>();
  let pulumi!: Pulumi;
  jest.isolateModules(() => {
    pulumi = require('@pulumi/pulumi') as Pulumi;
    void pulumi.runtime.setMocks(
      {
        newResource(args) {
          inputs.set(args.name, args.inputs);
          if (args.type === 'random:index/randomPassword:RandomPassword') return { id: 'pw', state: { ...args.inputs, result: 'Mockpw7Zq9X' } };
          if (args.type.startsWith('pulumi-nodejs:dynamic/')) return { id: 'run', state: { runResult: {} } };
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call(args) {
          throw new Error(`unexpected call ${args.token}`);
        },
      },
      'perflab',
      'db-rds',
      false,
    );
    type Req = { getType(): string; getName(): string; getParent(): string; getDependenciesList(): string[] };
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: Req, cb: unknown): Promise<void> };
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      out.push({ type: req.getType(), name: req.getName(), parent: req.getParent(), dependencies: req.getDependenciesList() });
      return registerResource(req, cb);
    };
    const { DatabaseExperiment } = require('../experiments/database/component');
    new DatabaseExperiment('database-rds', { spec, runId, label: 'db-rds' });
  });
  await waitForRPCs(pulumi);
  const urns = [...(pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> }).getRegisteredResources().keys()];
  return out.map((r) => ({ ...r, urn: urns.find((u) => u.endsWith(`::${r.type}::${r.name}`) || u.endsWith(`$${r.type}::${r.name}`)), inputs: inputs.get(r.name) }));
}

describe('Crossplane RDS under Pulumi mocks', () => {
  let regs: Registration[];
  beforeAll(async () => {
    regs = await register();
  });
  const one = (type: string): Registration => {
    const found = regs.filter((r) => r.type === type);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('waits for the Provider package to be Healthy', () => {
    const provider = one('kubernetes:pkg.crossplane.io/v1:Provider');
    expect(provider.inputs?.metadata.annotations).toMatchObject({ 'pulumi.com/waitFor': 'condition=Healthy' });
  });

  it('applies the Instance in a group that depends on the Provider', () => {
    const provider = one('kubernetes:pkg.crossplane.io/v1:Provider');
    const instance = one('kubernetes:rds.aws.upbound.io/v1beta3:Instance');
    expect(provider.urn).toBeDefined();
    const instanceGroup = regs.find((r) => r.type === 'kubernetes:yaml:ConfigGroup' && r.urn === instance.parent)!;
    expect(instanceGroup).toBeDefined();
    // the Provider is not in the Instance's group, and that group waits for it
    expect(provider.parent).not.toBe(instance.parent);
    expect(instanceGroup.dependencies).toContain(provider.urn);
  });
});
