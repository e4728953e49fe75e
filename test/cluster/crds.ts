/**
 * Real CustomResourceDefinitions from the CRD schemas the repo ships (schemas/crds.list and
 * schemas/crds/), so the suite's API server validates every custom resource perflab sends,
 * server-side, as the operators' own CRDs would. The schemas are the operators' openAPIV3Schema
 * in the strict JSON Schema layout (kubeconform's); turning them back into structural CRD
 * schemas means dropping what an API server forbids: `additionalProperties: false` (unknown
 * fields are then pruned or, under strict field validation, rejected, as upstream), `$schema`,
 * and any constraint on `metadata` beyond its type.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KubeHttp } from './kube-http';
import { CrdEntry, shippedCrds } from '../../src/cluster/shipped-crds';

export type { CrdEntry };
export { shippedCrds };

const REPO = path.resolve(__dirname, '..', '..');

/** A structural CRD schema from a strict JSON Schema. */
export function structuralSchema(schema: unknown, atRoot = true): unknown {
  if (Array.isArray(schema)) return schema.map((s) => structuralSchema(s, false));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === '$schema' || (k === 'additionalProperties' && v === false)) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([name, sub]) => [name, atRoot && name === 'metadata' ? { type: 'object' } : structuralSchema(sub, false)]),
      );
      continue;
    }
    out[k] = structuralSchema(v, false);
  }
  return out;
}

/** The apiextensions.k8s.io/v1 object for one entry. */
export function crdObject(e: CrdEntry, root = REPO): Record<string, unknown> {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'crds', e.file), 'utf8')) as { properties?: Record<string, unknown> };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${e.plural}.${e.group}`,
      labels: { 'perflab.dev/cluster-suite': 'crd' },
      // Groups under k8s.io / kubernetes.io (Gateway API) must name their API review.
      ...(/(^|\.)(k8s|kubernetes)\.io$/.test(e.group) ? { annotations: { 'api-approved.kubernetes.io': 'unapproved, installed from a schema by the perflab cluster suite' } } : {}),
    },
    spec: {
      group: e.group,
      scope: e.scope,
      names: { kind: e.kind, plural: e.plural, singular: e.kind.toLowerCase(), listKind: `${e.kind}List` },
      versions: [
        {
          name: e.version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: structuralSchema(schema) },
          ...(schema.properties?.status ? { subresources: { status: {} } } : {}),
        },
      ],
    },
  };
}

interface CrdStatus {
  status?: { conditions?: Array<{ type: string; status: string; message?: string }> };
}

/** Applies the shipped CRDs (`entries`, default all) and waits until the API server serves them all. */
export async function installShippedCrds(kube: KubeHttp, timeoutMs = 120_000, entries: readonly CrdEntry[] = shippedCrds()): Promise<string[]> {
  const names: string[] = [];
  for (const e of entries) {
    const crd = crdObject(e);
    const name = (crd.metadata as { name: string }).name;
    await kube.apply(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`, crd);
    names.push(name);
  }
  const deadline = Date.now() + timeoutMs;
  for (const name of names) {
    for (;;) {
      const crd = await kube.get<CrdStatus>(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
      const cond = (t: string) => crd.status?.conditions?.find((c) => c.type === t);
      if (cond('NamesAccepted')?.status === 'False') throw new Error(`CRD ${name} not accepted: ${cond('NamesAccepted')?.message}`);
      if (cond('Established')?.status === 'True') break;
      if (Date.now() > deadline) throw new Error(`CRD ${name} not established after ${timeoutMs / 1000} s: ${JSON.stringify(crd.status?.conditions)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return names;
}
