/**
 * Where the load generator's pods go relative to the system under test: pod anti-affinity
 * against the SUT's labels (preferred by default, so a single-node k3s still schedules; required
 * to insist on another node), or a nodeSelector that pins load to dedicated nodes.
 */
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
import type { IPodAffinityTerm } from 'kubernetes-models/v1/PodAffinityTerm';

/** Placement modes of the load generator. */
export const PLACEMENTS = ['preferred-anti-affinity', 'required-anti-affinity', 'node-selector'] as const;
/** One placement mode. */
export type Placement = (typeof PLACEMENTS)[number];

/** The scheduling fields of a pod spec for a placement. */
export interface PlacementSpec {
  readonly affinity?: IAffinity;
  readonly nodeSelector?: Record<string, string>;
}

/** Node topology the anti-affinity spreads over. */
export const HOSTNAME_TOPOLOGY_KEY = 'kubernetes.io/hostname';

/**
 * Scheduling fields for `placement`: anti-affinity terms match `sutSelector` on
 * `kubernetes.io/hostname`; `node-selector` uses `nodeSelector` as given.
 */
export function placementSpec(placement: Placement, sutSelector: Readonly<Record<string, string>>, nodeSelector?: Readonly<Record<string, string>>): PlacementSpec {
  const term: IPodAffinityTerm = { labelSelector: { matchLabels: { ...sutSelector } }, topologyKey: HOSTNAME_TOPOLOGY_KEY };
  switch (placement) {
    case 'preferred-anti-affinity':
      return { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } } };
    case 'required-anti-affinity':
      return { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } };
    case 'node-selector':
      return { nodeSelector: { ...(nodeSelector ?? {}) } };
  }
}
