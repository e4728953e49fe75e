/**
 * Pure mappers from API objects (as @kubernetes/client-node returns them) to the preflight
 * seam's plain data: CRDs, APIServices and Nodes. Kept apart from the client so they are tested
 * on API-shaped fixtures without a cluster.
 */
import type * as k8s from '@kubernetes/client-node';
import { ApiServiceState, CrdState, NodeState } from './preflight-inventory';

const conditionTrue = (conditions: ReadonlyArray<{ type: string; status: string }> | undefined, type: string): boolean =>
  conditions?.find((c) => c.type === type)?.status === 'True';

/** A CRD's served versions, Established condition, labels and annotations. */
export function crdStateOf(crd: k8s.V1CustomResourceDefinition): CrdState {
  return {
    name: crd.metadata?.name ?? '',
    servedVersions: crd.spec.versions.filter((v) => v.served).map((v) => v.name),
    established: conditionTrue(crd.status?.conditions, 'Established'),
    labels: crd.metadata?.labels ?? {},
    annotations: crd.metadata?.annotations ?? {},
  };
}

/** An APIService's availability, with the reason when it is not available. */
export function apiServiceStateOf(s: k8s.V1APIService): ApiServiceState {
  const available = s.status?.conditions?.find((c) => c.type === 'Available');
  return {
    name: s.metadata?.name ?? '',
    available: available?.status === 'True',
    ...(available?.status === 'True' ? {} : { message: available ? `${available.reason ?? 'not available'}: ${available.message ?? ''}`.trim() : 'no Available condition yet' }),
  };
}

/**
 * A Node for placement: schedulable when Ready, not cordoned (`spec.unschedulable`) and without
 * a NoSchedule or NoExecute taint (a PreferNoSchedule taint still schedules).
 */
export function nodeStateOf(n: k8s.V1Node): NodeState {
  const blockingTaint = (n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  return {
    name: n.metadata?.name ?? '',
    schedulable: conditionTrue(n.status?.conditions, 'Ready') && !n.spec?.unschedulable && !blockingTaint,
    labels: n.metadata?.labels ?? {},
    images: (n.status?.images ?? []).flatMap((i) => i.names ?? []),
  };
}
