/**
 * A PreflightInventory holding exactly what a test gives it (no cluster), and a project folder
 * with one stack file copied from stacks/ plus overrides, for `perflab preflight` tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import type { CrdState, NodeState, PreflightInventory, ServerVersion } from '../../src/cluster/preflight-inventory';
import { REPO_ROOT, stackFilePath } from '../../src/cluster/stack-file';
import { scratchDir } from './scratch-dirs';

/** What the fake cluster has. */
export interface FakeCluster {
  /** @default v1.34.4 */
  readonly version?: ServerVersion;
  /** CRDs by name (served versions default to every version the manifests could send). */
  readonly crds?: ReadonlyArray<Partial<CrdState> & { name: string }>;
  /** `namespace/name` of each Service. */
  readonly services?: readonly string[];
  /** Whether `v1beta1.metrics.k8s.io` exists and is available. @default absent */
  readonly metrics?: 'available' | 'unavailable';
  /** @default two schedulable nodes with no images */
  readonly nodes?: ReadonlyArray<Partial<NodeState> & { name: string }>;
}

/** The fake's CRD, schedulable node and image defaults filled in. */
export function fakeInventory(c: FakeCluster = {}): PreflightInventory {
  const crds = new Map((c.crds ?? []).map((d) => [d.name, { servedVersions: ['v1', 'v1alpha1', 'v1beta1', 'v1beta2', 'v1beta3', 'v1api20240801'], established: true, labels: {}, annotations: {}, ...d }]));
  const nodes = (c.nodes ?? [{ name: 'node-a' }, { name: 'node-b' }]).map((n) => ({ schedulable: true, labels: {}, images: [], ...n }));
  return {
    describe: () => 'the fake cluster',
    serverVersion: async () => c.version ?? { gitVersion: 'v1.34.4', major: 1, minor: 34 },
    crdExists: async (name) => crds.has(name),
    crd: async (name) => crds.get(name),
    serviceExists: async (ns, name) => (c.services ?? []).includes(`${ns}/${name}`),
    apiService: async (name) =>
      c.metrics && name === 'v1beta1.metrics.k8s.io' ? { name, available: c.metrics === 'available', ...(c.metrics === 'unavailable' ? { message: 'MissingEndpoints: no endpoints' } : {}) } : undefined,
    nodes: async () => nodes,
  };
}

/** A project folder whose stacks/ holds `stack` (copied from the repo's) with `overrides` merged into its config. */
export function projectWithStack(stack: string, overrides: Readonly<Record<string, string>> = {}): string {
  const dir = scratchDir('perflab-preflight-');
  const doc = parse(fs.readFileSync(stackFilePath(stack, REPO_ROOT), 'utf8')) as { config: Record<string, unknown> };
  fs.mkdirSync(path.join(dir, 'stacks'));
  fs.writeFileSync(stackFilePath(stack, dir), stringify({ ...doc, config: { ...doc.config, ...overrides } }));
  return dir;
}
