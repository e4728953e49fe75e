/**
 * The requests and limits synthesized manifests set, summed per component: every workload
 * (Deployment, StatefulSet, DaemonSet, Job, Pod, k6 TestRun — through estimate-hourly's shapes) and
 * the operator resources that carry pod resources in `spec.resources` (CloudNativePG `Cluster` ×
 * `spec.instances`, RabbitMQ `RabbitmqCluster` × `spec.replicas`) count towards the component a
 * caller-given function names for the object (e.g. by its layer label); objects it names no
 * component for are left out. The manifests stay the one place requests are written down.
 */
import { ResourceQuantities } from '../results/run-result';
import { podLimits, podRequests, workloadShape } from './estimate-hourly';

/** Requests and limits of one component, over all its pods; a limit is absent when some pod leaves it unlimited. */
export interface ComponentResources {
  readonly requested: ResourceQuantities;
  readonly limits?: Partial<ResourceQuantities>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Operator kinds whose pods take `spec.resources`, with the spec field that counts their pods. */
const OPERATOR_PODS: Readonly<Record<string, string>> = { Cluster: 'instances', RabbitmqCluster: 'replicas' };

function podsOf(o: Obj, where: string): { pods: number; podSpec: unknown } | undefined {
  const kind = String(o.kind ?? '');
  const spec = isObj(o.spec) ? o.spec : {};
  const countField = OPERATOR_PODS[kind];
  if (countField !== undefined && isObj(spec.resources)) {
    return { pods: Number(spec[countField] ?? 1), podSpec: { containers: [{ resources: spec.resources }] } };
  }
  const shape = workloadShape(o, kind, 1, where);
  return typeof shape === 'string' || shape.podSpec === undefined ? undefined : { pods: shape.pods, podSpec: shape.podSpec };
}

const addLimit = (a: number | undefined, b: number | undefined, pods: number): number | undefined => (a === undefined || b === undefined ? undefined : a + b * pods);

/** Requests and limits per component of `objects`; `componentOf` names an object's component (undefined: not counted). */
export function componentResources(objects: readonly object[], componentOf: (o: Readonly<Obj>) => string | undefined): Map<string, ComponentResources> {
  const out = new Map<string, { cpu: number; mem: number; cpuLimit?: number; memLimit?: number }>();
  objects.forEach((raw, i) => {
    if (!isObj(raw)) return;
    const component = componentOf(raw);
    if (component === undefined) return;
    const where = `${String(raw.kind ?? `objects[${i}]`)} ${String((raw.metadata as Obj | undefined)?.name ?? `#${i}`)}`;
    const p = podsOf(raw, where);
    if (!p) return;
    const req = podRequests(p.podSpec, `${where} spec`);
    const lim = podLimits(p.podSpec, `${where} spec`);
    const cur = out.get(component) ?? { cpu: 0, mem: 0, cpuLimit: 0, memLimit: 0 };
    out.set(component, {
      cpu: cur.cpu + req.cpuCores * p.pods,
      mem: cur.mem + req.memoryBytes * p.pods,
      cpuLimit: addLimit(cur.cpuLimit, lim.cpuCores, p.pods),
      memLimit: addLimit(cur.memLimit, lim.memoryBytes, p.pods),
    });
  });
  return new Map(
    [...out].map(([c, v]) => {
      const limits = { ...(v.cpuLimit === undefined ? {} : { cpuCores: v.cpuLimit }), ...(v.memLimit === undefined ? {} : { memoryBytes: v.memLimit }) };
      return [c, { requested: { cpuCores: v.cpu, memoryBytes: v.mem }, ...(Object.keys(limits).length ? { limits } : {}) }];
    }),
  );
}

/** What `withManifestRequests` adds to a local result's notes. */
export const LOCAL_REQUESTS_NOTE = "requests and limits: from the manifests perflab synthesizes for this configuration; the local processes ran without them, and their usage is of processes, not pods";

/**
 * `resources` with each entry's `requested` / `limits` filled from `byKey` (keyed by `keyOf(component)`,
 * e.g. the component's layer); entries without a match are left as they are.
 */
export function withManifestRequests<U extends { readonly component: string }>(resources: readonly U[], byKey: ReadonlyMap<string, ComponentResources>, keyOf: (component: string) => string = (c) => c): U[] {
  return resources.map((u) => {
    const r = byKey.get(keyOf(u.component));
    return r ? { ...u, requested: r.requested, ...(r.limits ? { limits: r.limits } : {}) } : u;
  });
}
