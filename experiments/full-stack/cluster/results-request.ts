/** What the full-stack results reader needs: the shared RunResults request plus where the run's traces are. */
import { RunResultsRequest } from '../../../src/cluster/run-request';

/** Where the Collector writes the run's traces (its pod log, one OTLP/JSON request per line). */
export interface TraceSource {
  /** Namespace of the Collector pods. */
  readonly namespace: string;
  /** Labels selecting the Collector pods. */
  readonly selector: Readonly<Record<string, string>>;
  /** The Collector's container: its log is read by name, since a mesh may inject its proxy first (Linkerd's `proxy.await`). */
  readonly container: string;
  /** Service name → layer for spans that carry no layer attribute (e.g. `traefik` → `gateway`). */
  readonly serviceLayers: Readonly<Record<string, string>>;
}

/** The request of one full-stack run. */
export interface FullStackResultsRequest extends RunResultsRequest {
  /** Where to read the traces; absent when observability is off (no layer breakdown). */
  readonly traces?: TraceSource;
}
