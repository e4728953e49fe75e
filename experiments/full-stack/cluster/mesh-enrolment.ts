/**
 * Which pods of the composition are in the mesh, as pod labels and annotations per layer —
 * reusing the mesh experiment's profiles: its load-generator opt-out is how a pod leaves the
 * mesh. The app and the gateway are always meshed (they carry MESHED_LABEL, which Cilium's
 * mutual-authentication policy selects); the database pods never carry a sidecar (CNPG's
 * bootstrap Jobs cannot finish with one); with `mesh-off-internal` the broker and the cache
 * leave the mesh too and the app's proxy skips their ports. NATS's port is opaque to Linkerd.
 */
import { MeshProfile, meshProfile } from '../../mesh/meshes';
import { LayerChoice } from '../layers';
import { Preset } from '../presets';

/** Label on the pods the mesh's mTLS policy treats as the mesh's services (app, gateway). */
export const MESHED_LABEL = 'perflab.dev/meshed';

/** Ports of the backing services (PostgreSQL, NATS, AMQP, Redis). */
export const BACKING_PORTS = { database: 5432, nats: 4222, rabbitmq: 5672, cache: 6379 } as const;

/** Pod labels and annotations. */
export interface PodMeta {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The mesh experiment's profile of a composition's mesh (`none` is its baseline). */
export function compositionMesh(choice: LayerChoice): MeshProfile {
  return meshProfile(choice.mesh === 'none' ? 'baseline' : choice.mesh);
}

const NONE: PodMeta = { labels: {}, annotations: {} };
const optOut = (m: MeshProfile): PodMeta => ({ labels: { ...m.loadPodLabels }, annotations: { ...m.loadPodAnnotations } });

/** Annotations that make the app's sidecar skip the backing services' ports (mesh-off-internal). */
function skipPorts(choice: LayerChoice): Record<string, string> {
  const ports: number[] = [];
  if (choice.database !== 'none') ports.push(BACKING_PORTS.database);
  if (choice.messaging !== 'none') ports.push(BACKING_PORTS[choice.messaging]);
  if (choice.cache !== 'none') ports.push(BACKING_PORTS.cache);
  const list = ports.join(',');
  switch (choice.mesh) {
    case 'istio':
      return { 'traffic.sidecar.istio.io/excludeOutboundPorts': list };
    case 'linkerd':
      return { 'config.linkerd.io/skip-outbound-ports': list };
    default:
      return {};
  }
}

/**
 * NATS speaks first on a new connection, which Linkerd's protocol detection would wait out
 * (10 s) unless the port is opaque; PostgreSQL's and Redis's ports are opaque by Linkerd's default.
 */
function serverSpeaksFirst(choice: LayerChoice): PodMeta {
  return choice.mesh === 'linkerd' && choice.messaging === 'nats' ? { labels: {}, annotations: { 'config.linkerd.io/opaque-ports': String(BACKING_PORTS.nats) } } : NONE;
}

/** Pod metadata of each part of the composition. */
export function podMeta(choice: LayerChoice, preset: Preset): { app: PodMeta; gateway: PodMeta; database: PodMeta; messaging: PodMeta; cache: PodMeta; load: PodMeta } {
  if (choice.mesh === 'none') return { app: NONE, gateway: NONE, database: NONE, messaging: NONE, cache: NONE, load: NONE };
  const mesh = compositionMesh(choice);
  const internalOff = preset === 'mesh-off-internal';
  const meshed: PodMeta = { labels: { [MESHED_LABEL]: 'true' }, annotations: {} };
  const sidecars = mesh.proxyContainers.length > 0;
  return {
    app: internalOff ? { labels: meshed.labels, annotations: skipPorts(choice) } : meshed,
    gateway: meshed,
    database: sidecars || internalOff ? optOut(mesh) : NONE,
    messaging: internalOff ? optOut(mesh) : serverSpeaksFirst(choice),
    cache: internalOff ? optOut(mesh) : NONE,
    load: optOut(mesh),
  };
}
