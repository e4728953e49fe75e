/**
 * The service graph: N services named svc-1 … svc-N, wired as a chain (each calls the next) or
 * a fan-out (svc-1 calls all the others at once). svc-1 is the entry the load generator calls.
 * Each service learns its downstream URLs from UPSTREAMS (the Go app's forwarding mode).
 */

/** Service counts the experiment supports. */
export const SERVICE_COUNTS = [10, 50, 100] as const;
/** Graph shapes. */
export const TOPOLOGIES = ['chain', 'fanout'] as const;
/** One graph shape. */
export type Topology = (typeof TOPOLOGIES)[number];

/** One service of the graph. */
export interface GraphService {
  /** 1-based position; svc-1 is the entry. */
  readonly index: number;
  /** Deployment/Service name and SERVICE_NAME, e.g. `svc-7`. */
  readonly name: string;
  /** Names of the services it calls on each request (empty for a leaf). */
  readonly calls: readonly string[];
}

/** Name of the i-th service (1-based). */
export const serviceName = (i: number): string => `svc-${i}`;

/** Name of the entry service (the one k6 calls). */
export const ENTRY_SERVICE = serviceName(1);

/** The graph of `n` services in `topology`; throws naming the allowed values. */
export function serviceGraph(n: number, topology: Topology): GraphService[] {
  if (!(SERVICE_COUNTS as readonly number[]).includes(n)) throw new Error(`services: ${JSON.stringify(n)} is not one of ${SERVICE_COUNTS.join(', ')}`);
  if (!(TOPOLOGIES as readonly string[]).includes(topology)) throw new Error(`topology: ${JSON.stringify(topology)} is not one of ${TOPOLOGIES.join(', ')}`);
  return Array.from({ length: n }, (_, k) => {
    const index = k + 1;
    let calls: string[] = [];
    if (topology === 'chain' && index < n) calls = [serviceName(index + 1)];
    if (topology === 'fanout' && index === 1) calls = Array.from({ length: n - 1 }, (_, j) => serviceName(j + 2));
    return { index, name: serviceName(index), calls };
  });
}

/** UPSTREAMS value for a service: its downstream URLs, comma-separated (empty for a leaf). */
export function upstreamsOf(s: GraphService, port: number, path: string): string {
  return s.calls.map((c) => `http://${c}:${port}${path}`).join(',');
}

/** Service-to-service hops one request to the entry makes (n − 1 in both shapes). */
export function hopsPerRequest(graph: readonly GraphService[]): number {
  return graph.reduce((sum, s) => sum + s.calls.length, 0);
}
