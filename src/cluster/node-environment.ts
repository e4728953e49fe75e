/**
 * The environment fingerprint of a cluster run from the Node objects: the node that ran the
 * system under test (kernel, OS image, CPU architecture, capacity, instance type), the CNI when
 * a node annotation gives it away, and the versions of k6, kubelet and the container runtime.
 * A node simulated by kwok is named as such, in the node type and in a note.
 */
import { Environment } from '../results/environment';
import { NodeInfo } from './cluster-client';

/** Annotation kwok puts on the nodes it simulates. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

/** What a RunResult says when its pods ran on nodes that kwok simulates. */
export const SIMULATED_NODE_NOTE =
  'simulated node (kwok): no container ran, so the load tool\'s log is whatever the cluster served for it (in perflab\'s cluster suite, a recorded fixture); these figures prove the plumbing, never performance';

/** Node Feature Discovery's CPU model label prefix, when NFD runs in the cluster. */
const NFD_CPU_MODEL = 'feature.node.kubernetes.io/cpu-model.';

function cniOf(node: NodeInfo): string | undefined {
  const keys = [...Object.keys(node.annotations), ...Object.keys(node.labels)];
  if (keys.some((k) => k.startsWith('flannel.alpha.coreos.com/'))) return 'flannel';
  if (keys.some((k) => k.startsWith('io.cilium') || k.startsWith('cilium.io/'))) return 'cilium';
  if (keys.some((k) => k.startsWith('projectcalico.org/'))) return 'calico';
  return undefined;
}

function cpuModelOf(node: NodeInfo): string {
  const nfd = Object.entries(node.labels).filter(([k]) => k.startsWith(NFD_CPU_MODEL));
  if (nfd.length) return nfd.map(([k, v]) => `${k.slice(NFD_CPU_MODEL.length)}=${v}`).join(' ');
  return 'unknown (the Kubernetes API does not report it; install Node Feature Discovery for cpu-model labels)';
}

/**
 * Environment of a run whose SUT ran on `sutNodeName` (else the first node); `notes` receives
 * what could not be known.
 */
export function clusterEnvironment(
  target: string,
  nodes: readonly NodeInfo[],
  sutNodeName: string | undefined,
  toolVersions: Readonly<Record<string, string>>,
  notes: string[],
): Environment {
  const node = nodes.find((n) => n.name === sutNodeName) ?? nodes[0];
  if (!node) {
    notes.push('no Node could be read (RBAC?); the environment fingerprint is unknown');
    return { target, os: 'unknown', kernel: 'unknown', arch: 'unknown', cpuModel: 'unknown', cpuCores: 1, memoryBytes: 0, toolVersions: { ...toolVersions } };
  }
  const simulated = KWOK_NODE_ANNOTATION in node.annotations;
  if (simulated) notes.push(SIMULATED_NODE_NOTE);
  if (sutNodeName && node.name !== sutNodeName) notes.push(`the SUT's node ${sutNodeName} was not found; environment from node ${node.name}`);
  const env: Environment = {
    target,
    hostname: node.name,
    os: node.osImage,
    kernel: `Linux ${node.kernelVersion}`,
    arch: node.architecture,
    cpuModel: cpuModelOf(node),
    cpuCores: Math.max(1, Math.floor(node.cpuCores)),
    memoryBytes: node.memoryBytes,
    toolVersions: { ...toolVersions, kubelet: node.kubeletVersion, containerRuntime: node.containerRuntimeVersion },
  };
  if (node.instanceType) env.nodeType = node.instanceType;
  if (simulated) env.nodeType = 'kwok (simulated)';
  const cni = cniOf(node);
  if (cni) env.cni = cni;
  if (nodes.length > 1) notes.push(`cluster has ${nodes.length} nodes; environment is that of ${node.name}, where the system under test ran`);
  return env;
}
