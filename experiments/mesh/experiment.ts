/**
 * The service mesh experiment: the same graph of small HTTP services (the runtime experiment's
 * Go payload in forwarding mode) without a mesh and under Istio (sidecar and ambient), Linkerd
 * and Cilium, all with mTLS on, compared on latency at fixed request rates and on the CPU and
 * memory the mesh adds.
 */
import { meshOverhead } from './plan-overhead';
import { z } from 'zod';
import { CpuQuantity, MemoryQuantity } from '../../src/config/quantities';
import { ExperimentDefinition } from '../../src/experiment';
import { MESH_VARIANTS, MeshVariant } from './meshes';
import { SERVICE_COUNTS, TOPOLOGIES } from './topology';
import { meshOverheadTable } from './overhead-table';

/** Path every service answers by calling its downstream services first (the Go app's forwarding mode). */
export const FORWARD_PATH = '/forward';

/** The mesh experiment's own `perflab:*` keys. */
export const meshConfigShape = {
  /** Services in the graph: 10, 50 or 100. @default 10 */
  services: z.coerce.number().pipe(z.literal(SERVICE_COUNTS)).default(10),
  /** `chain` (svc-1 → svc-2 → … → svc-N) or `fanout` (svc-1 calls svc-2 … svc-N at once). @default chain */
  topology: z.enum(TOPOLOGIES).default('chain'),
  /** Container image of every service; defaults to the runtime experiment's Go image. */
  image: z.string().min(1).optional(),
  /** CPU request of each service's app container. @default 50m */
  cpu: CpuQuantity.default('50m'),
  /** CPU limit of each app container (above the request, so bursts are not throttled). @default 1 */
  cpuLimit: CpuQuantity.default('1'),
  /** Memory request of each app container. @default 32Mi */
  memory: MemoryQuantity.default('32Mi'),
  /** Memory limit of each app container. @default 128Mi */
  memoryLimit: MemoryQuantity.default('128Mi'),
};

/** The validated mesh settings (`spec.settings` of a mesh spec). */
export interface MeshSettings {
  readonly services: (typeof SERVICE_COUNTS)[number];
  readonly topology: (typeof TOPOLOGIES)[number];
  readonly image?: string;
  readonly cpu: string;
  readonly cpuLimit: string;
  readonly memory: string;
  readonly memoryLimit: string;
}

/** The mesh experiment's declaration. */
export const meshExperiment: ExperimentDefinition<typeof meshConfigShape> = {
  name: 'mesh',
  description: 'A graph of 10, 50 or 100 HTTP services without a mesh and under Istio (sidecar, ambient), Linkerd and Cilium, mTLS on',
  variants: MESH_VARIANTS,
  configShape: meshConfigShape,
  defaultRequestMix: [{ name: 'forward', method: 'GET', path: FORWARD_PATH, weight: 1, expectStatus: 200 }],
  throughputUnit: 'requests',
  comparisons: (results, opts) => [{ title: 'Mesh overhead against the baseline stack:', table: meshOverheadTable(results, opts) }],
  planOverhead: (variant, objects) => meshOverhead(variant as MeshVariant, objects),
};
