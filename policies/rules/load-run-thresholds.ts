/**
 * Every load run has thresholds that can fail: its k6 script (in the ConfigMap the Job mounts,
 * or the TestRun's spec.script.configMap) exports `options.thresholds` with at least one
 * threshold other than the always-true `max>=0` ones; a load run of another tool (database
 * workloads, the messaging harness) carries the profile's thresholds in the
 * `perflab.dev/thresholds` annotation instead. A run without thresholds "passes" however
 * slow or broken the variant was, and the gate has nothing to hold it to.
 */
import { ANNOTATION } from '../../constructs/labels';
import { isKind, joinAnd, metaOf, nameOf, podViewOf } from '../../src/policy/manifest';
import { Manifest, StackRule, StackViolation } from '../../src/policy/types';
import { effectiveThresholds, readThresholds } from './k6-script-thresholds';
import { DEFAULT_LOAD_COMPONENTS, LOAD_RUN_SETTINGS_SCHEMA, LoadRunSettings, isLoadRun } from './lab-roles';

/** A script a load run references: which ConfigMap, and which key (undefined: any `.js` key). */
interface ScriptRef {
  readonly configMap: string;
  readonly key?: string;
  /** Where the reference is, for messages. */
  readonly where: string;
}

function scriptRefs(run: Manifest): ScriptRef[] {
  if (run.kind === 'TestRun' || run.kind === 'K6') {
    const cm = (run.spec as { script?: { configMap?: { name?: unknown; file?: unknown } } } | undefined)?.script?.configMap;
    if (typeof cm?.name !== 'string') return [];
    return [{ configMap: cm.name, key: typeof cm.file === 'string' ? cm.file : undefined, where: 'spec.script.configMap' }];
  }
  const pod = podViewOf(run);
  return (pod?.spec.volumes ?? [])
    .filter((v) => typeof v?.configMap?.name === 'string')
    .map((v) => ({ configMap: v.configMap!.name!, where: `volume "${v.name ?? '?'}"` }));
}

function findConfigMap(objects: readonly Manifest[], name: string, namespace: string | undefined): Manifest | undefined {
  return objects.find((o) => isKind(o, '', 'ConfigMap') && nameOf(o) === name && metaOf(o).namespace === namespace);
}

/** Threshold keys of a LoadProfile that can fail a run. */
const PROFILE_THRESHOLD_KEYS = ['p95Ms', 'p99Ms', 'maxErrorRate', 'minRps'];

/** Verdict on a load run whose tool is not k6: its thresholds annotation (the profile's thresholds as JSON). */
function judgeAnnotation(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `its ${ANNOTATION.thresholds} annotation is not JSON (${JSON.stringify(text.slice(0, 60))})`;
  }
  const set = PROFILE_THRESHOLD_KEYS.filter((k) => typeof (parsed as Record<string, unknown> | null)?.[k] === 'number');
  return set.length ? undefined : `its ${ANNOTATION.thresholds} annotation sets none of ${PROFILE_THRESHOLD_KEYS.join(', ')}, so the run passes however slow or failing the variant is`;
}

/** Verdict on one load run: undefined when its thresholds are fine. */
function judgeRun(run: Manifest, objects: readonly Manifest[]): string | undefined {
  const annotation = (metaOf(run).annotations ?? {})[ANNOTATION.thresholds];
  if (typeof annotation === 'string') return judgeAnnotation(annotation);
  const refs = scriptRefs(run);
  if (refs.length === 0) return `its pod mounts no ConfigMap holding a k6 script and it has no ${ANNOTATION.thresholds} annotation, so its thresholds cannot be checked`;
  const namespace = metaOf(run).namespace;
  const scripts: Array<{ source: string; text: string }> = [];
  const absent: string[] = [];
  for (const ref of refs) {
    const cm = findConfigMap(objects, ref.configMap, namespace);
    if (!cm) {
      absent.push(`ConfigMap "${ref.configMap}" (${ref.where})`);
      continue;
    }
    const data = (cm.data ?? {}) as Record<string, unknown>;
    for (const [key, text] of Object.entries(data)) {
      if (typeof text !== 'string' || (ref.key ? key !== ref.key : !key.endsWith('.js'))) continue;
      scripts.push({ source: `ConfigMap "${ref.configMap}" key "${key}"`, text });
    }
  }
  if (scripts.length === 0) {
    return absent.length
      ? `its script's ${joinAnd(absent)} is not among the stack's objects, so its thresholds cannot be checked`
      : 'no ConfigMap it mounts holds a k6 script (a .js key), so its thresholds cannot be checked';
  }
  const problems: string[] = [];
  for (const s of scripts) {
    const reading = readThresholds(s.text);
    if (reading.kind === 'read') {
      if (effectiveThresholds(reading.thresholds).length > 0) return undefined;
      problems.push(Object.keys(reading.thresholds).length
        ? `the script in ${s.source} has only thresholds that always hold (such as max>=0); set latency or error-rate thresholds in the load profile`
        : `the script in ${s.source} sets no options.thresholds, so the run passes however slow or failing the variant is`);
    } else if (reading.kind === 'parse-error') {
      problems.push(`the script in ${s.source} does not parse (${reading.error})`);
    } else if (reading.kind === 'no-options') {
      problems.push(`the script in ${s.source} exports no options, so it has no thresholds`);
    } else {
      problems.push(`the script in ${s.source} builds options.thresholds at run time, so they cannot be checked; write them as an object literal`);
    }
  }
  return problems.join('; ');
}

/** Each load run's k6 script sets thresholds that can fail. */
export const loadRunThresholds: StackRule<LoadRunSettings> = {
  scope: 'stack',
  id: 'load-run-thresholds',
  description: 'Every load run\'s k6 script (its ConfigMap) sets options.thresholds that can fail.',
  level: 'mandatory',
  mirrors: ['lab-specific (k6 thresholds decide pass/fail of a run; no trusted Kubernetes linter reads k6 scripts)'],
  settingsSchema: LOAD_RUN_SETTINGS_SCHEMA,
  defaults: { loadComponents: DEFAULT_LOAD_COMPONENTS },
  check(objects, { settings }) {
    const out: StackViolation[] = [];
    for (const run of objects.filter((o) => isLoadRun(o, settings))) {
      const message = judgeRun(run, objects);
      if (message) out.push({ object: run, message });
    }
    return out;
  },
};
