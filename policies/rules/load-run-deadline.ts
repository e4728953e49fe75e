/**
 * Every load run has a deadline. A Job without activeDeadlineSeconds that hangs (a SUT that
 * never answers, a stuck image pull) holds its pods and nodes — and bills — until someone
 * notices. A TestRun has no activeDeadlineSeconds field; its deadline is the
 * `perflab.dev/deadline-seconds` annotation.
 */
import { ANNOTATION } from '../../constructs/labels';
import { metaOf } from '../../src/policy/manifest';
import { ResourceRule } from '../../src/policy/types';
import { DEFAULT_LOAD_COMPONENTS, LOAD_RUN_SETTINGS_SCHEMA, LoadRunSettings, isLoadRun } from './lab-roles';

/** Annotation that carries a TestRun's deadline in seconds. */
export const DEADLINE_ANNOTATION = ANNOTATION.deadlineSeconds;

/** Settings of load-run-deadline. */
export interface DeadlineSettings extends LoadRunSettings {
  /** Longest deadline a load run may set, in seconds. */
  readonly maxSeconds: number;
}

function judge(value: unknown, where: string, max: number, missing: string): string[] {
  if (value === undefined || value === null || value === '') return [missing];
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) return [`${where} ${JSON.stringify(value)} is not a positive whole number of seconds`];
  if (n > max) return [`${where} is ${n} s, above the maximum of ${max} s`];
  return [];
}

/** Each load run (Job, CronJob's Job template, TestRun) has a positive deadline no longer than maxSeconds. */
export const loadRunDeadline: ResourceRule<DeadlineSettings> = {
  scope: 'resource',
  id: 'load-run-deadline',
  description: 'Every load run has a deadline: activeDeadlineSeconds on a Job, the perflab.dev/deadline-seconds annotation on a TestRun.',
  level: 'mandatory',
  mirrors: ['lab-specific (Kubernetes Job activeDeadlineSeconds; no trusted linter checks it by default)'],
  settingsSchema: { ...LOAD_RUN_SETTINGS_SCHEMA, maxSeconds: { type: 'integer', minimum: 1, default: 21600 } },
  defaults: { loadComponents: DEFAULT_LOAD_COMPONENTS, maxSeconds: 21600 },
  check(object, { settings }) {
    if (!isLoadRun(object, settings)) return [];
    if (object.kind === 'Job') {
      const spec = object.spec as { activeDeadlineSeconds?: unknown } | undefined;
      return judge(spec?.activeDeadlineSeconds, 'spec.activeDeadlineSeconds', settings.maxSeconds,
        'spec.activeDeadlineSeconds is not set: a stuck load run would hold its pods and nodes until someone deletes it');
    }
    if (object.kind === 'CronJob') {
      const spec = object.spec as { jobTemplate?: { spec?: { activeDeadlineSeconds?: unknown } } } | undefined;
      return judge(spec?.jobTemplate?.spec?.activeDeadlineSeconds, 'spec.jobTemplate.spec.activeDeadlineSeconds', settings.maxSeconds,
        'spec.jobTemplate.spec.activeDeadlineSeconds is not set: a stuck load run would hold its pods and nodes until someone deletes it');
    }
    return judge(metaOf(object).annotations?.[DEADLINE_ANNOTATION], `annotation ${DEADLINE_ANNOTATION}`, settings.maxSeconds,
      `annotation ${DEADLINE_ANNOTATION} is not set: a TestRun has no activeDeadlineSeconds, so this annotation is its deadline`);
  },
};
