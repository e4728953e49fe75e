/**
 * Everything a stack expects of a cluster beyond its own manifests, gathered from its
 * experiment's cluster program and its cost tool: the CRDs and Services it must find installed
 * (`pulumi up` checks them before creating anything) and the Helm charts it installs
 * (`perflab preflight` looks them up). One place, so the program and the preflight agree.
 */
import { costToolPrerequisites } from './cost-tooling/cost-api';
import { costToolCharts } from './cost-tooling/charts';
import { ClusterProgram } from '../src/cluster/cluster-program';
import { StackSpec } from '../src/cluster/stack-spec';
import { NO_PREREQUISITES, Prerequisites, mergePrerequisites } from '../src/cluster/prerequisites';
import type { ChartRef } from '../src/cluster/chart-index';

/** What the stack must find on the cluster (nothing it installs itself). */
export function stackPrerequisites(stack: StackSpec, program: ClusterProgram): Prerequisites {
  const preinstalled = stack.options.operators === 'preinstalled';
  return mergePrerequisites(
    program.prerequisites?.(stack) ?? NO_PREREQUISITES,
    preinstalled ? costToolPrerequisites(stack.cost.tooling, stack.spec.target) : NO_PREREQUISITES,
  );
}

/** The Helm charts the stack installs: its experiment's, then its cost tool's. */
export function stackCharts(stack: StackSpec, program: ClusterProgram): ChartRef[] {
  const cost = costToolCharts(stack.cost.tooling, stack.options.operators).map((c) => ({ repo: c.repo, chart: c.chart, version: c.version, release: c.release, namespace: c.namespace }));
  return [...(program.charts?.(stack) ?? []), ...cost];
}
