/**
 * Runs the Pulumi program (index.ts) under `pulumi.runtime.setMocks` with one stack's config,
 * in a fresh module registry, and returns what it registered. Shared by every test that runs a
 * stack's program. The RunResults dynamic resource is answered by the mock with FAKE_FIGURES;
 * a tripwire records whether anything loaded its real provider (nothing may, under mocks).
 */
import * as fs from 'fs';
import * as path from 'path';

/** Type tokens of perflab's dynamic results resources (RunResults and experiment-specific ones). */
const DYNAMIC_RESULTS = /^pulumi-nodejs:dynamic\/perflab:\w*RunResults$/;

/** Every dynamic provider's real entry module: src/cluster's and each experiment's. */
function providerEntries(): string[] {
  const root = path.join(__dirname, '..', '..');
  const experiments = fs.readdirSync(path.join(root, 'experiments'), { withFileTypes: true }).filter((d) => d.isDirectory());
  return [path.join(root, 'src', 'cluster', 'provider-entry.ts'), ...experiments.map((d) => path.join(root, 'experiments', d.name, 'cluster', 'provider-entry.ts'))].filter((f) => fs.existsSync(f));
}

export type Pulumi = typeof import('@pulumi/pulumi');

export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  readonly custom?: boolean;
}

export interface ProgramRun {
  /** Whether anything loaded the dynamic provider's implementation (it must not, under mocks). */
  readonly providerLoaded: boolean;
  readonly resources: Registered[];
  readonly outputs: Record<string, unknown>;
  readonly urns: string[];
}

/** Headline figures the mock answers for the RunResults resource. */
export const FAKE_FIGURES = { p50Ms: 2.4, p95Ms: 9.8, p99Ms: 18.4, rps: 299.99, errorRate: 0.0002, cpuCoreSeconds: 41.5, memoryPeakBytes: 31_457_280, thresholdsPassed: true };

/** Waits until every outstanding registration of the mock runtime has been answered. */
export function waitForRPCs(pulumi: Pulumi): Promise<void> {
  return (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** Options of runProgram. */
export interface RunOptions {
  /**
   * The cluster the preinstalled-operators check asks (src/cluster/cluster-inventory.ts), e.g.
   * `staticInventory([...crds])`. @default none: the check is skipped, as under mocks without one
   */
  readonly inventory?: import('../../src/cluster/cluster-inventory').ClusterInventory;
}

/**
 * Runs index.ts with `config` (PULUMI_CONFIG form) on `stack` in an isolated module registry.
 * Rejects with the program's error: a config error at load, or one carried by an exported
 * promise (the `preflight` output: a missing operator, an error building the experiment); the
 * error then carries `registered`, what was registered before it.
 */
export async function runProgram(config: Record<string, string>, stack: string, options: RunOptions = {}): Promise<ProgramRun> {
  let pulumi!: Pulumi;
  let program: Record<string, unknown> | undefined;
  let loadError: unknown;
  const resources: Registered[] = [];
  let providerLoaded = false;
  jest.isolateModules(() => {
    // Tripwire: a results provider's create loads its entry module; mocks must never get there.
    for (const entry of providerEntries()) {
      jest.doMock(entry, () => {
        providerLoaded = true;
        return new Proxy({}, { get: () => () => Promise.reject(new Error('a dynamic provider ran under mocks')) });
      });
    }
    pulumi = require('@pulumi/pulumi') as Pulumi;
    void pulumi.runtime.setMocks(
      {
        newResource(args) {
          resources.push({ type: args.type, name: args.name, inputs: args.inputs, custom: args.custom });
          if (DYNAMIC_RESULTS.test(args.type)) {
            const { __provider: _p, ...inputs } = args.inputs as Record<string, unknown>;
            void _p;
            return { id: 'fake-run-id', state: { ...inputs, ...FAKE_FIGURES, runResult: { kind: 'perflab.dev/RunResult', id: 'fake-run-id' } } };
          }
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call(args) {
          throw new Error(`the program made an unexpected call: ${args.token}`);
        },
      },
      'perflab',
      stack,
      false,
    );
    pulumi.runtime.setAllConfig(config);
    (require('../../src/cluster/cluster-inventory') as typeof import('../../src/cluster/cluster-inventory')).setClusterInventory(options.inventory);
    try {
      program = require('../../index') as Record<string, unknown>;
    } catch (err) {
      loadError = err;
    }
  });
  if (loadError) {
    await waitForRPCs(pulumi);
    throw Object.assign(loadError as Error, { registered: resources });
  }
  const outputs: Record<string, unknown> = {};
  const settled = await Promise.allSettled(
    Object.entries(program ?? {}).map(async ([k, v]) => {
      outputs[k] = pulumi.Output.isInstance(v) ? await (v as unknown as { promise(): Promise<unknown> }).promise() : await v;
    }),
  );
  await waitForRPCs(pulumi);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw Object.assign(failed.reason as Error, { registered: resources });
  const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
  return { providerLoaded, resources, outputs, urns: [...monitor.getRegisteredResources().keys()] };
}

