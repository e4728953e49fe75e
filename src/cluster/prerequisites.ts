/**
 * What a stack needs on the cluster when `perflab-cluster:operators` is `preinstalled`: the
 * CustomResourceDefinitions its custom resources use (named `plural.group`, with the operator or
 * chart that provides each) and the Services it reads (the preinstalled cost tool). Each
 * experiment declares its list in one place; `checkPrerequisites` asks the cluster once, before
 * any resource exists, and fails with ONE RunError naming everything that is missing.
 */
import * as pulumi from '@pulumi/pulumi';
import type { ClusterInventory } from './cluster-inventory';
import type { ClusterOptions } from './cluster-config';
import { K6_OPERATOR_BUNDLE_URL, K6_OPERATOR_VERSION } from '../versions';

/** A CustomResourceDefinition a stack needs. */
export interface RequiredCrd {
  /** The CRD's name, `<plural>.<group>` (e.g. `clusters.postgresql.cnpg.io`). */
  readonly name: string;
  /** Who installs it, e.g. `CloudNativePG operator (chart cloudnative-pg 0.26.0)`. */
  readonly providedBy: string;
  /**
   * No stack installs it, whatever `perflab-cluster:operators` says (the k6-operator): the
   * missing-prerequisites message then tells the user to install it instead of `operators: helm`.
   * @default false
   */
  readonly neverInstalledByStack?: boolean;
}

/** A Service a stack reads from (e.g. the cost tool's API). */
export interface RequiredService {
  readonly namespace: string;
  readonly name: string;
  /** Who installs it. */
  readonly providedBy: string;
}

/** Everything one stack needs on the cluster. */
export interface Prerequisites {
  readonly crds: readonly RequiredCrd[];
  /** @default none */
  readonly services?: readonly RequiredService[];
}

/** No prerequisites. */
export const NO_PREREQUISITES: Prerequisites = { crds: [] };

/** Joins several prerequisite lists, each CRD and Service once (first provider text wins). */
export function mergePrerequisites(...parts: readonly Prerequisites[]): Prerequisites {
  const crds = new Map<string, RequiredCrd>();
  const services = new Map<string, RequiredService>();
  for (const p of parts) {
    for (const c of p.crds) if (!crds.has(c.name)) crds.set(c.name, c);
    for (const s of p.services ?? []) if (!services.has(`${s.namespace}/${s.name}`)) services.set(`${s.namespace}/${s.name}`, s);
  }
  return { crds: [...crds.values()], services: [...services.values()] };
}

/** The CRDs and Services of `required` that the cluster lacks. */
export async function findMissing(required: Prerequisites, inventory: ClusterInventory): Promise<Prerequisites> {
  const crdFound = await Promise.all(required.crds.map((c) => inventory.crdExists(c.name)));
  const services = required.services ?? [];
  const svcFound = await Promise.all(services.map((s) => inventory.serviceExists(s.namespace, s.name)));
  return { crds: required.crds.filter((_, i) => !crdFound[i]), services: services.filter((_, i) => !svcFound[i]) };
}

/** The one message for what is missing (empty string when nothing is). */
export function missingMessage(missing: Prerequisites, where = 'the cluster'): string {
  const lines = [
    ...missing.crds.map((c) => `CustomResourceDefinition ${c.name} (provided by ${c.providedBy})`),
    ...(missing.services ?? []).map((s) => `Service ${s.namespace}/${s.name} (provided by ${s.providedBy})`),
  ];
  if (!lines.length) return '';
  const stackCanInstall = missing.crds.some((c) => !c.neverInstalledByStack) || (missing.services ?? []).length > 0;
  const userOnly = missing.crds.filter((c) => c.neverInstalledByStack).map((c) => c.name);
  const hint = stackCanInstall
    ? '\nInstall them (or ask the platform team to), or let the stack install them: perflab-cluster:operators: helm (database: and perflab:installOperator not false).'
    : '\nInstall them (or ask the platform team to): no perflab stack installs them.';
  const note = stackCanInstall && userOnly.length ? `\nNo perflab stack installs ${userOnly.join(', ')}: install it in any case.` : '';
  return (
    `Operators not installed: ${where} lacks ${lines.length === 1 ? 'what this stack expects to find installed' : `${lines.length} things this stack expects to find installed`}:\n` +
    lines.map((l) => `  - ${l}`).join('\n') +
    hint +
    note
  );
}

/**
 * Resolves when the cluster has everything in `required`; otherwise rejects with a RunError
 * naming every missing CRD and Service and who provides it. A failing API call rejects with a
 * RunError too, naming the call's error.
 */
export async function checkPrerequisites(required: Prerequisites, inventory: ClusterInventory): Promise<void> {
  let missing: Prerequisites;
  try {
    missing = await findMissing(required, inventory);
  } catch (err) {
    throw new pulumi.RunError(
      `Operators not checked: asking ${inventory.describe()} for what this stack expects to find installed failed: ${(err as Error).message}`,
    );
  }
  const message = missingMessage(missing, inventory.describe());
  if (message) throw new pulumi.RunError(message);
}

/**
 * The k6-operator's TestRun CRD, which `perflab-cluster:k6Mode: testrun` needs, for experiments
 * that run k6. No stack installs the k6-operator, so it is checked whatever
 * `perflab-cluster:operators` says.
 */
export function k6Prerequisites(options: Pick<ClusterOptions, 'k6Mode'>): Prerequisites {
  if (options.k6Mode !== 'testrun') return NO_PREREQUISITES;
  return { crds: [{ name: 'testruns.k6.io', providedBy: `the k6-operator ${K6_OPERATOR_VERSION} (kubectl apply --server-side -f ${K6_OPERATOR_BUNDLE_URL})`, neverInstalledByStack: true }] };
}
