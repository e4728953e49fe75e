/**
 * Container hardening from the Pod Security Standards' restricted profile: non-root, no
 * privilege escalation, a RuntimeDefault seccomp profile, ALL capabilities dropped, and (where
 * the image allows) a read-only root filesystem. Beyond safety, every variant then runs under
 * the same kernel filters, so none is measured with an advantage the others lack.
 */
import { isAllowed } from '../../src/policy/allow-list';
import { ContainerRef, PodView, containersOf, joinAnd, podViewOf } from '../../src/policy/manifest';
import { Manifest, ResourceRule } from '../../src/policy/types';
import { ALLOW_SETTINGS_SCHEMA, AllowSettings, MESH_AGENTS_ALLOWED } from './allow-settings';

/** Calls `check` for each container of a workload that is not on the allow-list. */
function perContainer(object: Manifest, settings: AllowSettings, check: (c: ContainerRef, pod: PodView) => string | undefined): string[] {
  const pod = podViewOf(object);
  if (!pod || isAllowed(object, settings.allow)) return [];
  return containersOf(pod.spec).flatMap((c) => {
    const message = check(c, pod);
    return message ? [message] : [];
  });
}

/** Containers run as a non-root user: `runAsNonRoot: true` (pod or container) and never `runAsUser: 0`. */
export const runAsNonRoot: ResourceRule<AllowSettings> = {
  scope: 'resource',
  id: 'run-as-non-root',
  description: 'Containers must run as non-root: securityContext.runAsNonRoot true (pod or container), never runAsUser 0.',
  level: 'mandatory',
  mirrors: [
    'Pod Security Standards restricted: Running as Non-root, Running as Non-root user',
    'kube-linter run-as-non-root',
    'Polaris runAsRootAllowed',
    'Kyverno pod-security/restricted require-run-as-nonroot',
    'Checkov CKV_K8S_23',
  ],
  settingsSchema: ALLOW_SETTINGS_SCHEMA,
  defaults: MESH_AGENTS_ALLOWED,
  check: (object, { settings }) =>
    perContainer(object, settings, ({ container, label }, pod) => {
      const user = container.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser;
      if (user === 0) return `${label} runs as root (securityContext.runAsUser: 0)`;
      const nonRoot = container.securityContext?.runAsNonRoot ?? pod.spec.securityContext?.runAsNonRoot;
      if (nonRoot !== true) return `${label} does not set securityContext.runAsNonRoot: true (in the container or the pod)`;
      return undefined;
    }),
};

/** Every container sets `allowPrivilegeEscalation: false`. */
export const noPrivilegeEscalation: ResourceRule<AllowSettings> = {
  scope: 'resource',
  id: 'no-privilege-escalation',
  description: 'Every container sets securityContext.allowPrivilegeEscalation: false.',
  level: 'mandatory',
  mirrors: [
    'Pod Security Standards restricted: Privilege Escalation',
    'kube-linter privilege-escalation-container',
    'Polaris privilegeEscalationAllowed',
    'Kyverno pod-security/restricted disallow-privilege-escalation',
    'Checkov CKV_K8S_20',
  ],
  settingsSchema: ALLOW_SETTINGS_SCHEMA,
  defaults: MESH_AGENTS_ALLOWED,
  check: (object, { settings }) =>
    perContainer(object, settings, ({ container, label }) =>
      container.securityContext?.allowPrivilegeEscalation === false ? undefined : `${label} does not set securityContext.allowPrivilegeEscalation: false`,
    ),
};

/** Every container mounts its root filesystem read-only (advisory: some images cannot). */
export const readOnlyRootFilesystem: ResourceRule<AllowSettings> = {
  scope: 'resource',
  id: 'read-only-root-filesystem',
  description: 'Containers set securityContext.readOnlyRootFilesystem: true where the image allows it (writable paths as emptyDir).',
  level: 'advisory',
  mirrors: [
    'kube-linter no-read-only-root-fs',
    'Polaris notReadOnlyRootFilesystem',
    'Kyverno best-practices require-ro-rootfs',
    'Checkov CKV_K8S_22',
  ],
  settingsSchema: ALLOW_SETTINGS_SCHEMA,
  defaults: MESH_AGENTS_ALLOWED,
  check: (object, { settings }) =>
    perContainer(object, settings, ({ container, label }) =>
      container.securityContext?.readOnlyRootFilesystem === true ? undefined : `${label} does not set securityContext.readOnlyRootFilesystem: true`,
    ),
};

/** Settings of seccomp-runtime-default. */
export interface SeccompSettings extends AllowSettings {
  /** Seccomp profile types that count as confined. */
  readonly allowedTypes: readonly string[];
}

/** Every container runs under a RuntimeDefault (or Localhost) seccomp profile. */
export const seccompRuntimeDefault: ResourceRule<SeccompSettings> = {
  scope: 'resource',
  id: 'seccomp-runtime-default',
  description: 'Every container runs with seccompProfile RuntimeDefault or Localhost (set on the pod or the container).',
  level: 'mandatory',
  mirrors: [
    'Pod Security Standards restricted: Seccomp (baseline forbids Unconfined)',
    'Kyverno pod-security/restricted restrict-seccomp-strict',
    'Checkov CKV_K8S_31',
  ],
  settingsSchema: {
    ...ALLOW_SETTINGS_SCHEMA,
    allowedTypes: { type: 'array', items: { type: 'string', enum: ['RuntimeDefault', 'Localhost', 'Unconfined'] }, default: ['RuntimeDefault', 'Localhost'] },
  },
  defaults: { ...MESH_AGENTS_ALLOWED, allowedTypes: ['RuntimeDefault', 'Localhost'] },
  check: (object, { settings }) =>
    perContainer(object, settings, ({ container, label }, pod) => {
      const type = container.securityContext?.seccompProfile?.type ?? pod.spec.securityContext?.seccompProfile?.type;
      if (type === undefined) return `${label} has no seccompProfile; set securityContext.seccompProfile.type: RuntimeDefault in the pod or the container`;
      if (!settings.allowedTypes.includes(type)) return `${label} runs with seccompProfile ${type} (allowed: ${settings.allowedTypes.join(', ')})`;
      return undefined;
    }),
};

/** Settings of drop-all-capabilities. */
export interface CapabilitySettings extends AllowSettings {
  /** Capabilities a container may add back after dropping ALL. */
  readonly allowedAdd: readonly string[];
}

/** Every container drops ALL capabilities and adds back only the allowed ones. */
export const dropAllCapabilities: ResourceRule<CapabilitySettings> = {
  scope: 'resource',
  id: 'drop-all-capabilities',
  description: 'Every container drops ALL Linux capabilities and adds back at most NET_BIND_SERVICE.',
  level: 'mandatory',
  mirrors: [
    'Pod Security Standards restricted: Capabilities',
    'kube-linter drop-net-raw-capability',
    'Polaris dangerousCapabilities, insecureCapabilities',
    'Kyverno best-practices require-drop-all; pod-security/restricted disallow-capabilities-strict',
    'Checkov CKV_K8S_28, CKV_K8S_37',
  ],
  settingsSchema: {
    ...ALLOW_SETTINGS_SCHEMA,
    allowedAdd: { type: 'array', items: { type: 'string' }, default: ['NET_BIND_SERVICE'] },
  },
  defaults: { ...MESH_AGENTS_ALLOWED, allowedAdd: ['NET_BIND_SERVICE'] },
  check: (object, { settings }) =>
    perContainer(object, settings, ({ container, label }) => {
      const caps = container.securityContext?.capabilities;
      const problems: string[] = [];
      if (!(caps?.drop ?? []).includes('ALL')) problems.push('does not drop ALL capabilities (securityContext.capabilities.drop)');
      const extra = (caps?.add ?? []).filter((c) => !settings.allowedAdd.includes(c));
      if (extra.length) problems.push(`adds capabilities ${joinAnd(extra)} (allowed: ${settings.allowedAdd.join(', ') || 'none'})`);
      return problems.length ? `${label} ${problems.join(' and ')}` : undefined;
    }),
};
