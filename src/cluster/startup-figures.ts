/**
 * Cold start and image size of the system under test on a cluster, from what the API server
 * already holds: the pods' conditions (PodScheduled → Ready) and the node's image list
 * (`status.images[].sizeBytes` of the image the pod ran). Pure: tested on recorded API objects.
 */
import { ImageSize } from '../results/run-result';
import { ContainerImage, NodeInfo, PodInfo } from './cluster-client';
import { sameImageRef } from './image-ref';

/** Which container of each pod is the system under test (SutRef's fields). */
export interface ContainerPick {
  /** The first of these is the one measured. @default the first container not excluded */
  readonly containers?: readonly string[];
  /** Containers never measured (a mesh's proxy). @default none */
  readonly excludeContainers?: readonly string[];
}

/** What startupFigures found, with a note per figure saying where it came from or why it is missing. */
export interface StartupFigures {
  readonly coldStartMs?: number;
  readonly imageSize?: ImageSize;
  readonly notes: string[];
}

const MIB = 1024 * 1024;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The container image of `pod` that `pick` names, if the pod reports it. */
export function measuredContainer(pod: PodInfo, pick: ContainerPick = {}): ContainerImage | undefined {
  const images = pod.containerImages ?? [];
  const wanted = pick.containers?.[0];
  if (wanted !== undefined) return images.find((c) => c.name === wanted);
  return images.find((c) => !(pick.excludeContainers ?? []).includes(c.name));
}

/** Median of scheduled → Ready over the pods that have both conditions. */
function coldStart(pods: readonly PodInfo[]): { ms?: number; note: string } {
  const spans = pods
    .filter((p) => p.scheduledAt && p.readyAt)
    .map((p) => ({ pod: p, ms: Date.parse(p.readyAt as string) - Date.parse(p.scheduledAt as string) }))
    .filter((s) => Number.isFinite(s.ms) && s.ms >= 0);
  if (spans.length === 0) return { note: `no cold start: none of the ${pods.length} system-under-test pod(s) reports both PodScheduled and Ready` };
  const restarted = spans.filter((s) => (s.pod.restarts ?? 0) > 0).map((s) => s.pod.name);
  const each = spans.map((s) => `${s.pod.name} ${(s.ms / 1000).toFixed(0)} s`).join(', ');
  return {
    ms: median(spans.map((s) => s.ms)),
    note:
      `cold start: pod scheduled → Ready (image pull, container start, first successful readiness probe), median of ${spans.length} pod(s) from pod conditions at 1 s resolution: ${each}` +
      (restarted.length ? `; ${restarted.join(', ')} restarted, so its Ready time is its latest, not its first` : ''),
  };
}

/** The node's figure for the image the first measurable pod ran. */
function imageSize(pods: readonly PodInfo[], nodes: readonly NodeInfo[], pick: ContainerPick): { size?: ImageSize; note: string } {
  const pod = pods.find((p) => p.nodeName && measuredContainer(p, pick));
  const container = pod && measuredContainer(pod, pick);
  if (!pod || !container) return { note: 'no image size: no system-under-test pod reports its container image and node' };
  const node = nodes.find((n) => n.name === pod.nodeName);
  const refs = [container.imageID, container.image].filter((r) => r !== '');
  const held = node?.images?.find((i) => i.names.some((n) => refs.some((r) => sameImageRef(n, r))));
  if (!node || !held) {
    return { note: `no image size: node ${pod.nodeName} does not list ${container.image} in status.images (the kubelet reports at most --node-status-max-images, 50 by default)` };
  }
  return {
    size: { bytes: held.sizeBytes, source: 'node-image', ref: container.image },
    note: `image size: ${(held.sizeBytes / MIB).toFixed(1)} MiB for ${container.image} (container ${container.name} of ${pod.name}) as node ${node.name} reports it in status.images; what the runtime counts (compressed or unpacked) is its own`,
  };
}

/** Cold start and image size of the system under test's pods, each with its note. */
export function startupFigures(pods: readonly PodInfo[], nodes: readonly NodeInfo[], pick: ContainerPick = {}): StartupFigures {
  const cold = coldStart(pods);
  const image = imageSize(pods, nodes, pick);
  return { coldStartMs: cold.ms, imageSize: image.size, notes: [cold.note, image.note] };
}
