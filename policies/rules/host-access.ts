/**
 * Node-level access — privileged containers, the host's network/PID/IPC namespaces, hostPath
 * volumes — only for the allow-listed mesh and CNI agents. A benchmark pod on the host network
 * skips the CNI and the mesh, so it would not measure what its variant claims to.
 */
import { isAllowed } from '../../src/policy/allow-list';
import { containersOf, podViewOf } from '../../src/policy/manifest';
import { ResourceRule } from '../../src/policy/types';
import { ALLOW_SETTINGS_SCHEMA, AllowSettings, MESH_AGENTS_ALLOWED } from './allow-settings';

/** No container is privileged, except on the allow-list. */
export const noPrivilegedContainers: ResourceRule<AllowSettings> = {
  scope: 'resource',
  id: 'no-privileged-containers',
  description: 'No container runs privileged, except the allow-listed mesh/CNI agents.',
  level: 'mandatory',
  mirrors: [
    'Pod Security Standards baseline: Privileged Containers',
    'kube-linter privileged-container',
    'Polaris runAsPrivileged',
    'Kyverno pod-security/baseline disallow-privileged-containers',
    'Checkov CKV_K8S_16',
  ],
  settingsSchema: ALLOW_SETTINGS_SCHEMA,
  defaults: MESH_AGENTS_ALLOWED,
  check(object, { settings }) {
    const pod = podViewOf(object);
    if (!pod || isAllowed(object, settings.allow)) return [];
    return containersOf(pod.spec)
      .filter(({ container }) => container.securityContext?.privileged === true)
      .map(({ label }) => `${label} is privileged (securityContext.privileged: true)`);
  },
};

const HOST_NAMESPACES = [
  ['hostNetwork', 'network'],
  ['hostPID', 'process'],
  ['hostIPC', 'IPC'],
] as const;

/** No pod shares the node's network, PID or IPC namespace, except on the allow-list. */
export const noHostNamespaces: ResourceRule<AllowSettings> = {
  scope: 'resource',
  id: 'no-host-namespaces',
  description: 'No pod uses hostNetwork, hostPID or hostIPC, except the allow-listed mesh/CNI agents.',
  level: 'mandatory',
  mirrors: [
    'Pod Security Standards baseline: Host Namespaces',
    'kube-linter host-network, host-pid, host-ipc',
    'Polaris hostNetworkSet, hostPIDSet, hostIPCSet',
    'Kyverno pod-security/baseline disallow-host-namespaces',
    'Checkov CKV_K8S_17, CKV_K8S_18, CKV_K8S_19',
  ],
  settingsSchema: ALLOW_SETTINGS_SCHEMA,
  defaults: MESH_AGENTS_ALLOWED,
  check(object, { settings }) {
    const pod = podViewOf(object);
    if (!pod || isAllowed(object, settings.allow)) return [];
    return HOST_NAMESPACES.filter(([field]) => pod.spec[field] === true).map(
      ([field, what]) => `${pod.path}.${field} is true: the pod shares the node's ${what} namespace`,
    );
  },
};

/** No pod mounts a hostPath volume, except on the allow-list. */
export const noHostPath: ResourceRule<AllowSettings> = {
  scope: 'resource',
  id: 'no-host-path',
  description: 'No pod mounts hostPath volumes, except the allow-listed mesh/CNI agents.',
  level: 'mandatory',
  mirrors: [
    'Pod Security Standards baseline: HostPath Volumes',
    'kube-linter sensitive-host-mounts, writable-host-mount',
    'Kyverno pod-security/baseline disallow-host-path',
  ],
  settingsSchema: ALLOW_SETTINGS_SCHEMA,
  defaults: MESH_AGENTS_ALLOWED,
  check(object, { settings }) {
    const pod = podViewOf(object);
    if (!pod || isAllowed(object, settings.allow)) return [];
    return (pod.spec.volumes ?? [])
      .filter((v) => v && v.hostPath)
      .map((v) => `volume "${v.name ?? '?'}" mounts the node's ${v.hostPath?.path ?? '?'} (hostPath)`);
  },
};
