/**
 * Pods that do not talk to the Kubernetes API do not get an API token. A pod "uses" the API when
 * it runs under a dedicated service account (serviceAccountName other than `default`); a pod on
 * the default account must set automountServiceAccountToken: false.
 */
import { isAllowed } from '../../src/policy/allow-list';
import { podViewOf } from '../../src/policy/manifest';
import { ResourceRule } from '../../src/policy/types';
import { ALLOW_SETTINGS_SCHEMA, AllowSettings, NOTHING_ALLOWED } from './allow-settings';

/** A pod on the default service account does not mount its token. */
export const automountServiceAccountToken: ResourceRule<AllowSettings> = {
  scope: 'resource',
  id: 'automount-service-account-token',
  description: 'Pods on the default service account set automountServiceAccountToken: false.',
  level: 'advisory',
  mirrors: [
    'Polaris automountServiceAccountToken',
    'kube-linter default-service-account',
    'Kyverno other/restrict-automount-sa-token',
    'Checkov CKV_K8S_38',
  ],
  settingsSchema: ALLOW_SETTINGS_SCHEMA,
  defaults: NOTHING_ALLOWED,
  check(object, { settings }) {
    const pod = podViewOf(object);
    if (!pod || isAllowed(object, settings.allow)) return [];
    const account = pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? 'default';
    if (account !== 'default') return [];
    // The k6-operator's TestRun takes the flag as a string ("false").
    const automount = pod.spec.automountServiceAccountToken as unknown;
    if (automount === false || automount === 'false') return [];
    return [`the pod runs on the default service account and does not set ${pod.path}.automountServiceAccountToken: false`];
  },
};
