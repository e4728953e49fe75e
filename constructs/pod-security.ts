/**
 * The security contexts perflab's own workloads run with (the pod-security policy rules): a
 * non-root pod with RuntimeDefault seccomp, and a container without privilege escalation,
 * with a read-only root filesystem and no capabilities.
 */

/** Pod securityContext for `uid` (and group); `fsGroup` when the pod writes volumes as that group. @default fsGroup false */
export function nonRootPod(uid: number, opts: { readonly fsGroup?: boolean } = {}): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, ...(opts.fsGroup ? { fsGroup: uid } : {}), seccompProfile: { type: 'RuntimeDefault' } };
}

/** Container securityContext of every perflab-made container. */
export function restrictedContainer(): Record<string, unknown> {
  return { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
}
