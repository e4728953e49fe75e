/**
 * Which objects play which part in a lab run: the load run (a k6 Job or k6-operator TestRun)
 * and the system under test (SUT). Both are recognised by the `app.kubernetes.io/component`
 * label the constructs set (constructs/k6-run.ts LOAD_COMPONENT, constructs/runtime-api.ts
 * SUT_COMPONENT; test/policies-suite.test.ts checks the defaults still match them), and a load
 * run also by its k6 image.
 */
import { LABEL } from '../../constructs/labels';
import { containersOf, groupOf, isK6TestRun, labelsOf, podViewOf } from '../../src/policy/manifest';
import { Manifest, SettingsSchema } from '../../src/policy/types';
import { parseImageRef } from './image-pinned';

/** Default component label values of load generators (constructs/k6-run.ts LOAD_COMPONENT). */
export const DEFAULT_LOAD_COMPONENTS: readonly string[] = ['load-generator'];
/** Default component label values of systems under test (constructs/runtime-api.ts SUT_COMPONENT). */
export const DEFAULT_SUT_COMPONENTS: readonly string[] = ['server'];

/** Settings that say how load runs are recognised. */
export interface LoadRunSettings {
  readonly loadComponents: readonly string[];
}

/** Settings that say how systems under test are recognised. */
export interface SutSettings {
  readonly sutComponents: readonly string[];
}

/** Schema of LoadRunSettings. */
export const LOAD_RUN_SETTINGS_SCHEMA: SettingsSchema = {
  loadComponents: {
    type: 'array',
    items: { type: 'string' },
    description: `Values of ${LABEL.component} that mark a Job as a load run (a k6 image marks it too).`,
    default: [...DEFAULT_LOAD_COMPONENTS],
  },
};

/** Schema of SutSettings. */
export const SUT_SETTINGS_SCHEMA: SettingsSchema = {
  sutComponents: {
    type: 'array',
    items: { type: 'string' },
    description: `Values of ${LABEL.component} that mark a Deployment or StatefulSet as the system under test.`,
    default: [...DEFAULT_SUT_COMPONENTS],
  },
};

/** Whether an image is k6 (`grafana/k6:1.3.0`, `ghcr.io/grafana/k6@sha256:...`, `k6`). */
export function isK6Image(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  const name = parseImageRef(image).name;
  return name === 'k6' || name.endsWith('/k6');
}

/** Whether the object is a load run: a k6-operator TestRun, or a Job/CronJob labelled as load or running k6. */
export function isLoadRun(m: Manifest, settings: LoadRunSettings): boolean {
  if (isK6TestRun(m)) return true;
  if (groupOf(m) !== 'batch' || (m.kind !== 'Job' && m.kind !== 'CronJob')) return false;
  if (settings.loadComponents.includes(labelsOf(m)[LABEL.component])) return true;
  const pod = podViewOf(m);
  return !!pod && containersOf(pod.spec).some(({ container }) => isK6Image(container.image));
}

/** Whether the object is a system under test: a Deployment or StatefulSet with a SUT component label. */
export function isSystemUnderTest(m: Manifest, settings: SutSettings): boolean {
  if (groupOf(m) !== 'apps' || (m.kind !== 'Deployment' && m.kind !== 'StatefulSet')) return false;
  const component = labelsOf(m)[LABEL.component] ?? podViewOf(m)?.metadata.labels?.[LABEL.component];
  return settings.sutComponents.includes(component ?? '');
}
