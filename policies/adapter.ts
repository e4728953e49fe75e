/**
 * Pulumi resources → the plain objects the rules read. A Kubernetes resource becomes its
 * manifest: apiVersion and kind from the type token (`kubernetes:apps/v1:Deployment` →
 * `apps/v1` Deployment; `core/v1` → `v1`), the props as the body, metadata.name defaulting to
 * the resource name and metadata.namespace to the provider's default namespace. Any other
 * resource keeps its type token as kind, its props under `props` and its provider's props under
 * `provider.props` (cloud rules read tags and sizes there). Components the rules cannot read
 * (yaml ConfigGroups, Helm releases, patches, lists) and providers map to nothing.
 *
 * In preview, @pulumi/policy's props throw UnknownValueError when an unknown value is read (an
 * output of a resource not yet created). The copy keeps such a value as an accessor that throws
 * the same error when read, so a rule that never reads it runs, and one that needs it fails as
 * CrossGuard expects ("can't run policy ... during preview").
 */
import { UnknownValueError } from '@pulumi/policy';
import { Manifest } from '../src/policy/types';

/** The parts of a CrossGuard resource (ResourceValidationArgs or PolicyResource) the adapter reads. */
export interface PulumiResourceLike {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly provider?: { readonly type: string; readonly props: Record<string, unknown> };
}

/** Kubernetes type-token modules that are components, not API objects. */
const NON_OBJECT_MODULES = /^(yaml|yaml\/v2|helm\.sh\/v\d+|kustomize|kustomize\/v2)$/;

/** `{ apiVersion, kind }` of a Kubernetes type token, or undefined when it is not an API object. */
export function apiVersionKindOf(type: string): { apiVersion: string; kind: string } | undefined {
  const m = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(type);
  if (!m || NON_OBJECT_MODULES.test(m[1])) return undefined;
  const [, module, kind] = m;
  if (kind.endsWith('Patch') || (kind.endsWith('List') && kind !== 'List')) return undefined;
  return { apiVersion: module.startsWith('core/') ? module.slice('core/'.length) : module, kind };
}

/**
 * A deep copy of Pulumi props as plain data. A value unknown during preview becomes a property
 * that throws its UnknownValueError when read, except under the paths `skip` accepts, which are
 * dropped.
 */
export function plainCopy(value: unknown, skip: (path: readonly string[]) => boolean = () => false, path: string[] = []): unknown {
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const key of Object.keys(value)) {
    const here = [...path, key];
    try {
      const v = plainCopy((value as Record<string, unknown>)[key], skip, here);
      if (v !== undefined || Array.isArray(out)) (out as Record<string, unknown>)[key] = v;
    } catch (err) {
      if (!(err instanceof UnknownValueError)) throw err;
      if (!skip(here)) Object.defineProperty(out, key, { enumerable: true, configurable: true, get: () => { throw err; } });
    }
  }
  return out;
}

/** Output-only fields of a Kubernetes object (unknown in preview; no rule reads them). */
const K8S_OUTPUT_FIELDS = new Set(['status', 'uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink']);

function isOutputOnly(path: readonly string[]): boolean {
  return (path.length === 1 && path[0] === 'status') || (path.length === 2 && path[0] === 'metadata' && K8S_OUTPUT_FIELDS.has(path[1]));
}

/** The object the rules read for a Pulumi resource, or undefined when there is none. */
export function manifestFromResource(r: PulumiResourceLike): Manifest | undefined {
  if (r.type.startsWith('pulumi:providers:') || r.type === 'pulumi:pulumi:Stack') return undefined;
  if (r.type.startsWith('kubernetes:')) {
    const ak = apiVersionKindOf(r.type);
    if (!ak) return undefined;
    // A fresh copy, completed in place: a spread would read (and throw on) the unknown values.
    const body = plainCopy(r.props, isOutputOnly) as Record<string, unknown>;
    const metadata = (body.metadata as Record<string, unknown> | undefined) ?? {};
    if (typeof metadata.name !== 'string' || !metadata.name) metadata.name = r.name;
    const providerNamespace = r.provider?.props?.namespace;
    if ((typeof metadata.namespace !== 'string' || !metadata.namespace) && typeof providerNamespace === 'string' && providerNamespace) {
      metadata.namespace = providerNamespace;
    }
    return Object.assign(body, { apiVersion: ak.apiVersion, kind: ak.kind, metadata });
  }
  const manifest: Manifest = { kind: r.type, metadata: { name: r.name }, props: plainCopy(r.props) };
  if (r.provider) manifest.provider = { type: r.provider.type, props: plainCopy(r.provider.props) };
  return manifest;
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → the stack name. */
export function stackNameOfUrn(urn: string): string | undefined {
  const m = /^urn:pulumi:([^:]+)::/.exec(urn);
  return m ? m[1] : undefined;
}
