/**
 * What every experiment component does first: refuse the local target (it runs through
 * `perflab run`, not Pulumi) and create the run's Namespace with the lab's labels, parented to
 * the component.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { namespaceLabels } from '../../constructs/labels';
import { ExperimentSpec } from '../config/spec';

/** Throws when `spec` targets this machine instead of a cluster, naming the command to use. */
export function requireClusterTarget(component: string, spec: ExperimentSpec): void {
  if (spec.target === 'local') {
    throw new Error(`${component}: spec.target "local" is not a cluster; run it with \`npx perflab run ${spec.experiment.name} --target local\``);
  }
}

/** What an experiment adds to its Namespace. */
export interface NamespaceExtras {
  /** Extra labels, e.g. a mesh's enrolment label. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** What must exist first (e.g. a mesh's control plane, so injection is ready). @default none */
  readonly dependsOn?: pulumi.Resource[];
}

/** The run's Namespace (`spec.namespace`), labelled for the run, with the experiment's extras. */
export function experimentNamespace(name: string, spec: ExperimentSpec, runId: string, parent: pulumi.Resource, extras: NamespaceExtras = {}): k8s.core.v1.Namespace {
  const identity = { experiment: spec.experiment.name, variant: spec.variant, run: runId };
  const annotations = extras.annotations && Object.keys(extras.annotations).length ? { annotations: { ...extras.annotations } } : {};
  return new k8s.core.v1.Namespace(
    `${name}-namespace`,
    { metadata: { name: spec.namespace, labels: { ...namespaceLabels(identity, spec.namespace), ...(extras.labels ?? {}) }, ...annotations } },
    { parent, dependsOn: extras.dependsOn },
  );
}
