/**
 * Load runs away from the system under test: the load generator's pods carry a pod
 * anti-affinity term that selects the SUT's pods, or a nodeSelector / required node affinity
 * that pins them to load nodes. Load and SUT on one node compete for its CPU, and the result
 * measures the generator as much as the variant.
 */
import { LabelSelector, PodAffinityTerm, kindOf, metaOf, nameOf, podViewOf, selectorMatches } from '../../src/policy/manifest';
import { Manifest, StackRule, StackViolation } from '../../src/policy/types';
import {
  DEFAULT_LOAD_COMPONENTS, DEFAULT_SUT_COMPONENTS, LOAD_RUN_SETTINGS_SCHEMA, LoadRunSettings, SUT_SETTINGS_SCHEMA, SutSettings, isLoadRun, isSystemUnderTest,
} from './lab-roles';

/** Settings of load-run-placement. */
export interface PlacementSettings extends LoadRunSettings, SutSettings {
  /** Count only required anti-affinity (not preferred) as placement. */
  readonly requireHard: boolean;
}

interface TermRef {
  readonly term: PodAffinityTerm & { namespaces?: string[]; namespaceSelector?: unknown };
}

function antiAffinityTerms(run: Manifest, hardOnly: boolean): TermRef[] {
  const anti = podViewOf(run)?.spec.affinity?.podAntiAffinity;
  const terms: TermRef[] = (anti?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => ({ term }));
  if (!hardOnly) {
    for (const w of anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []) if (w?.podAffinityTerm) terms.push({ term: w.podAffinityTerm });
  }
  return terms;
}

function hasSelector(s: LabelSelector | undefined): boolean {
  return !!s && (Object.keys(s.matchLabels ?? {}).length > 0 || (s.matchExpressions ?? []).length > 0);
}

function termReaches(term: TermRef['term'], runNamespace: string | undefined, sutNamespace: string | undefined): boolean {
  if (term.namespaceSelector !== undefined) return true;
  if (term.namespaces && term.namespaces.length) return sutNamespace !== undefined && term.namespaces.includes(sutNamespace);
  return runNamespace === sutNamespace;
}

/** Each load run is kept off the SUT's nodes by anti-affinity against the SUT, or pinned by node selection. */
export const loadRunPlacement: StackRule<PlacementSettings> = {
  scope: 'stack',
  id: 'load-run-placement',
  description: 'Every load run keeps off the system under test\'s nodes: pod anti-affinity selecting the SUT, or a nodeSelector / required node affinity.',
  level: 'mandatory',
  mirrors: ['kube-linter no-anti-affinity (anti-affinity template, applied between load generator and SUT)'],
  settingsSchema: { ...LOAD_RUN_SETTINGS_SCHEMA, ...SUT_SETTINGS_SCHEMA, requireHard: { type: 'boolean', default: false } },
  defaults: { loadComponents: DEFAULT_LOAD_COMPONENTS, sutComponents: DEFAULT_SUT_COMPONENTS, requireHard: false },
  check(objects, { settings }) {
    const suts = objects.filter((o) => isSystemUnderTest(o, settings));
    const out: StackViolation[] = [];
    for (const run of objects.filter((o) => isLoadRun(o, settings))) {
      const pod = podViewOf(run);
      if (!pod) continue;
      if (Object.keys(pod.spec.nodeSelector ?? {}).length > 0) continue;
      if ((pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).length > 0) continue;
      const terms = antiAffinityTerms(run, settings.requireHard).filter((t) => hasSelector(t.term.labelSelector));
      const kind = settings.requireHard ? 'required pod anti-affinity' : 'pod anti-affinity';
      if (terms.length === 0) {
        out.push({ object: run, message: `${pod.path} has no ${kind} against the system under test and no nodeSelector: load and SUT may share a node and compete for its CPU` });
        continue;
      }
      if (suts.length === 0) continue; // the SUT is outside the stack (a managed service): any selector is the best we can check
      const runNamespace = metaOf(run).namespace;
      const reached = suts.some((sut) => {
        const labels = podViewOf(sut)?.metadata.labels ?? {};
        return terms.some((t) => termReaches(t.term, runNamespace, metaOf(sut).namespace) && selectorMatches(t.term.labelSelector, labels));
      });
      if (!reached) {
        const names = suts.map((s) => `${kindOf(s)}/${nameOf(s)}`).join(', ');
        out.push({ object: run, message: `${pod.path} ${kind} selects none of the systems under test (${names}): load and SUT may share a node` });
      }
    }
    return out;
  },
};
