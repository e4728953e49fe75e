/**
 * The stacks the cluster suite runs and what it expects of them: every stack file whose target
 * is an in-cluster one (k3s), its namespace and experiment as the config the suite applies would
 * give them, the fixture its runner pods print, and the config it always sets.
 */
import * as path from 'path';
import { clusterStack } from '../../experiments/cluster-programs';
import { listStacks, readStackConfig, stackFilePath } from '../../src/cluster/stack-file';
import { StackFixture, stackFixture } from './fixtures';

const REPO = path.resolve(__dirname, '..', '..');

/** Config every stack gets in the suite: operators, meshes and cost tools count as installed (no chart repository is reachable). */
export const SUITE_CONFIG: Readonly<Record<string, string>> = { 'perflab-cluster:operators': 'preinstalled' };

/** Targets that deploy only into the cluster (no cloud account needed). */
const IN_CLUSTER_TARGETS = new Set(['k3s']);

/** One stack as the suite runs it. */
export interface StackUnderTest {
  readonly stack: string;
  readonly experiment: string;
  readonly variant: string;
  readonly namespace: string;
  /** Run id: the `perflab.dev/run` label of everything the stack creates. */
  readonly runId: string;
  readonly fixture: StackFixture;
  /** SUITE_CONFIG plus the fixture's config. */
  readonly config: Record<string, string>;
}

/** The raw config of a stack file. */
export function stackConfig(stack: string): Record<string, unknown> {
  return readStackConfig(stackFilePath(stack, REPO)) as Record<string, unknown>;
}

/** The stacks that deploy only into the cluster, sorted. */
export function inClusterStacks(): string[] {
  return listStacks(REPO)
    .filter((s) => IN_CLUSTER_TARGETS.has(String(stackConfig(s)['perflab:target'])))
    .sort();
}

/**
 * Shard `index` of `count` of the in-cluster stacks (jest runs one test file per shard, in
 * parallel). Stacks that share a namespace (cost-* run the runtime-go workload) share a shard,
 * so no two stacks use one namespace at once.
 */
export function stackShard(index: number, count: number): string[] {
  const byNamespace = new Map<string, string[]>();
  for (const stack of inClusterStacks()) {
    const ns = stackUnderTest(stack).namespace;
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), stack]);
  }
  return [...byNamespace.values()].filter((_, i) => i % count === index).flat();
}

/** The stacks that need a cloud account, sorted. */
export function cloudStacks(): string[] {
  return listStacks(REPO)
    .filter((s) => !IN_CLUSTER_TARGETS.has(String(stackConfig(s)['perflab:target'])))
    .sort();
}

/** A stack with the suite's config applied (and `extra` on top); `fixture` replaces the experiment's usual one. */
export function stackUnderTest(stack: string, extra: Record<string, string> = {}, fixtureOverride?: StackFixture): StackUnderTest {
  const raw = stackConfig(stack);
  const experiment = String(raw['perflab:experiment']);
  const variant = String(raw['perflab:variant']);
  const fixture = fixtureOverride ?? stackFixture(experiment, variant, String(raw['perflab:costTool'] ?? 'none'));
  const config = { ...SUITE_CONFIG, ...(fixture.config ?? {}), ...extra };
  const { spec } = clusterStack(stack, { ...raw, ...config });
  return { stack, experiment, variant, namespace: spec.spec.namespace, runId: spec.runId, fixture, config };
}
