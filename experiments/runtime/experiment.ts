/**
 * The runtime experiment: the same small HTTP API in Go, Rust, .NET, Node.js and Bun, compared
 * on throughput, latency, memory, CPU and cold start under identical load.
 */
import { z } from 'zod';
import { CpuQuantity, MemoryQuantity } from '../../src/config/quantities';
import { ExperimentDefinition } from '../../src/experiment';
import { RUNTIME_VARIANTS } from './variant-spec';

/** Input of `GET /compute` in the default request mix. */
export const DEFAULT_COMPUTE_N = 2000;

/** The runtime experiment's own `perflab:*` keys. */
export const runtimeConfigShape = {
  /** Container image; defaults to the variant's image (`perflab/runtime-<variant>:<version>`). */
  image: z.string().min(1).optional(),
  /** Replicas of the API Deployment. @default 1 */
  replicas: z.coerce.number().int().min(1).max(100).default(1),
  /** CPU request (and limit) of each API pod. @default 500m */
  cpu: CpuQuantity.default('500m'),
  /** Memory request (and limit) of each API pod. @default 256Mi */
  memory: MemoryQuantity.default('256Mi'),
};

/** The runtime experiment's declaration. */
export const runtimeExperiment: ExperimentDefinition<typeof runtimeConfigShape> = {
  name: 'runtime',
  description: 'One HTTP API in Go, Rust, .NET, Node.js and Bun under identical load',
  variants: RUNTIME_VARIANTS,
  configShape: runtimeConfigShape,
  defaultRequestMix: [
    { name: 'health', method: 'GET', path: '/health', weight: 1, expectStatus: 200 },
    { name: 'json', method: 'GET', path: '/json', weight: 4, expectStatus: 200 },
    {
      name: 'echo',
      method: 'POST',
      path: '/echo',
      body: { user: 'perflab', items: [1, 2, 3], nested: { ok: true, ratio: 0.25 } },
      weight: 3,
      expectStatus: 200,
    },
    { name: 'compute', method: 'GET', path: `/compute?n=${DEFAULT_COMPUTE_N}`, weight: 2, expectStatus: 200 },
  ],
};
