/**
 * Offline manifest validation. Core kinds go through kubernetes-models' validators (the
 * Kubernetes OpenAPI schemas, compiled); custom kinds through the operators' CRD schemas in
 * `schemas/crds/<group>/<kind>_<version>.json`, shipped in the repo (override: PERFLAB_CRD_SCHEMAS), with
 * ajv. A custom kind with no schema is an error, never a silent pass. As strict as the API server
 * with strict field validation: unknown fields of core kinds (./strict-fields) and of custom kinds
 * (the CRD schemas' `additionalProperties: false`), with a did-you-mean, and the API server's own
 * checks beyond the schema (./api-server-rules: DNS-1123 names, container images). Each problem
 * reads `Kind/name: <path>: <message>`, once.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { apiServerProblems } from './api-server-rules';
import { didYouMean, unknownFields } from './strict-fields';

/** Environment variable that overrides the CRD schema folder. */
export const CRD_SCHEMAS_ENV = 'PERFLAB_CRD_SCHEMAS';

/** The repo root (this file is src/cluster/validate-manifests.ts). */
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The CRD schema folder: $PERFLAB_CRD_SCHEMAS, else the repo's own `schemas/crds` (schemas/README.md). */
export function crdSchemaDir(): string {
  return process.env[CRD_SCHEMAS_ENV] || path.join(REPO_ROOT, 'schemas', 'crds');
}

/** One invalid object and what is wrong with it. */
export interface ManifestProblem {
  /** `Kind/name` (or `Kind/<unnamed #i>`). */
  readonly object: string;
  /** JSON path inside the object, e.g. `spec.replicas` (`.` for the object itself). */
  readonly path: string;
  readonly message: string;
}

/** The outcome of validating a set of objects. */
export interface ValidationReport {
  /** Objects checked. */
  readonly checked: number;
  /** Problems, in object order; empty when everything is valid. */
  readonly problems: readonly ManifestProblem[];
}

/** One problem as `Kind/name: path: message`. */
export function formatProblem(p: ManifestProblem): string {
  return `${p.object}: ${p.path}: ${p.message}`;
}

type ModelClass = new (data: unknown) => { validate(): void };

/** `['spec', 'containers', 0]` → `spec.containers[0]`. */
function pathOf(parts: readonly (string | number)[]): string {
  let out = '';
  for (const p of parts.map(String)) out += /^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$-]*$/.test(p) ? (out ? `.${p}` : p) : `[${JSON.stringify(p)}]`;
  return out || '.';
}

/** `/spec/template/spec/containers/0` → `spec.template.spec.containers[0]`. */
function jsonPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return pathOf(parts);
}

/** `is not a known field` plus the nearest known one, when it looks like a misspelling. */
function unknownFieldMessage(name: string, known: readonly string[]): string {
  const near = didYouMean(name, known);
  return `is not a known field${near ? `; did you mean ${near}?` : ''}`;
}

/** The value at an ajv instancePath (`/spec/replicas`) of `obj`. */
function valueAt(obj: unknown, instancePath: string): unknown {
  let v = obj;
  for (const p of instancePath.split('/').slice(1)) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return v;
}

/** The message of one ajv error: what is missing, unknown or not allowed, with the allowed values. */
function ajvMessage(e: ErrorObject, obj: unknown, missing?: string, extra?: string): string {
  if (missing) return 'is required';
  if (extra) return unknownFieldMessage(extra, Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}));
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
  if (e.keyword === 'enum' && Array.isArray(allowed)) return `${JSON.stringify(valueAt(obj, e.instancePath))} is not one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? e.keyword;
}

/** Ajv errors → problems; `required` errors point at the missing property. */
function ajvProblems(object: string, obj: unknown, errors: readonly ErrorObject[]): ManifestProblem[] {
  const seen = new Set<string>();
  const out: ManifestProblem[] = [];
  for (const e of errors) {
    const missing = e.keyword === 'required' ? String((e.params as { missingProperty?: string }).missingProperty) : undefined;
    const extra = e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty?: string }).additionalProperty) : undefined;
    const p = jsonPath(e.instancePath, missing ?? extra);
    const message = ajvMessage(e, obj, missing, extra);
    const key = `${p}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ object, path: p, message });
  }
  return out;
}

/** kubernetes-models module for a core apiVersion (`v1`, `apps/v1`, `batch/v1`, ...), or undefined. */
function coreModule(apiVersion: string): Record<string, unknown> | undefined {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion)) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`kubernetes-models/${apiVersion}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * CRD patterns are Go (RE2) regular expressions; a few use RE2's one-letter Unicode classes
 * (`\\PC` in Cilium's network policies), which JavaScript writes `\\P{C}`, and a leading
 * case-insensitive flag group `(?i)` (Azure Service Operator), which JavaScript gives as the `i`
 * flag. Everything else is passed to RegExp unchanged (with the `u` flag ajv sets).
 */
const goRegExp = Object.assign(
  (pattern: string, flags: string): RegExp => {
    const caseless = pattern.startsWith('(?i)');
    const body = (caseless ? pattern.slice(4) : pattern).replace(/\\([pP])([A-Z])(?![{a-z])/g, '\\$1{$2}');
    return new RegExp(body, caseless && !flags.includes('i') ? `${flags}i` : flags);
  },
  { code: 'goRegExp' },
);

const crdCache = new Map<string, ValidateFunction | null>();
let ajv: Ajv | undefined;

function crdAjv(): Ajv {
  if (!ajv) {
    // strict: false — CRD schemas carry x-kubernetes-* keywords that ajv does not know.
    // verbose: errors carry their schema (the known fields of a did-you-mean) and the bad value.
    ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateFormats: true, code: { regExp: goRegExp } });
    const int = (bits: number) => (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** (bits - 1);
    ajv.addFormat('int32', { type: 'number', validate: int(32) });
    ajv.addFormat('int64', { type: 'number', validate: int(64) });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);
    for (const f of ['double', 'float']) ajv.addFormat(f, { type: 'number', validate: () => true });
    for (const f of ['byte', 'binary', 'cidr', 'duration', 'idn-hostname', 'ipv4', 'ipv6', 'quantity', 'int-or-string']) ajv.addFormat(f, true);
  }
  return ajv;
}

/**
 * The schemas close every object node but the top one (`additionalProperties: false`); the API
 * server's strict validation also rejects an unknown top-level field (`specs:`), so close it too,
 * beside apiVersion, kind and metadata.
 */
function closedTopLevel(schema: Record<string, unknown>): Record<string, unknown> {
  if (!schema.properties || 'additionalProperties' in schema || schema['x-kubernetes-preserve-unknown-fields']) return schema;
  // Some schemas leave out the fields every object has.
  const common = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };
  const props = { ...common, ...(schema.properties as Record<string, unknown>) };
  return { ...schema, properties: { ...props, metadata: apiServerMetadata(props.metadata) }, additionalProperties: false };
}

/**
 * A CRD's metadata schema as the API server applies it: a structural schema may restrict only
 * metadata.name and metadata.generateName; every other field is ObjectMeta's, whatever the CRD
 * says (the Oracle MySQL Operator's InnoDBCluster declares metadata as `name` only, which the
 * catalogue's conversion closes with `additionalProperties: false`).
 */
function apiServerMetadata(metadata: unknown): Record<string, unknown> {
  const declared = ((metadata as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
  const kept = Object.fromEntries(Object.entries(declared).filter(([k]) => k === 'name' || k === 'generateName'));
  return Object.keys(kept).length ? { type: 'object', properties: kept } : { type: 'object' };
}

/** Compiled CRD schema for group/version/kind, or null when there is no schema file. */
function crdValidator(group: string, version: string, kind: string): { file: string; validate: ValidateFunction | null } {
  const file = path.join(crdSchemaDir(), group, `${kind.toLowerCase()}_${version}.json`);
  if (!crdCache.has(file)) {
    if (!fs.existsSync(file)) crdCache.set(file, null);
    else crdCache.set(file, crdAjv().compile(closedTopLevel(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)));
  }
  return { file, validate: crdCache.get(file) ?? null };
}

/** Problems of one manifest object (empty when valid): its schema, then the API server's own checks, each once. */
export function validateManifest(obj: unknown, index = 0): ManifestProblem[] {
  const problems = schemaProblems(obj, index);
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || problems.some((p) => p.path === 'apiVersion' || p.path === 'kind' || p.path === 'metadata.name')) return problems;
  const o = obj as Record<string, unknown>;
  const object = problems[0]?.object ?? `${String(o.kind)}/${String((o.metadata as { name?: unknown }).name)}`;
  const seen = new Set(problems.map((p) => `${p.path}|${p.message}`));
  for (const r of apiServerProblems(o, String(o.kind))) {
    const p = { object, path: pathOf(r.path), message: r.message };
    if (!seen.has(`${p.path}|${p.message}`)) problems.push(p);
    seen.add(`${p.path}|${p.message}`);
  }
  return problems;
}

function schemaProblems(obj: unknown, index: number): ManifestProblem[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return [{ object: `<object #${index}>`, path: '.', message: 'is not an object' }];
  }
  const o = obj as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  const kind = typeof o.kind === 'string' ? o.kind : '<no kind>';
  const name = typeof o.metadata?.name === 'string' ? o.metadata.name : `<unnamed #${index}>`;
  const object = `${kind}/${name}`;
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
    return [{ object, path: typeof o.apiVersion !== 'string' ? 'apiVersion' : 'kind', message: 'is required (a string)' }];
  }
  if (typeof o.metadata?.name !== 'string' || o.metadata.name === '') {
    return [{ object, path: 'metadata.name', message: 'is required' }];
  }
  const core = coreModule(o.apiVersion);
  if (core) {
    const Model = core[o.kind] as ModelClass | undefined;
    if (typeof Model !== 'function') return [{ object, path: 'kind', message: `${o.apiVersion} has no kind ${JSON.stringify(o.kind)}` }];
    const validate = Model.prototype.validate as (this: unknown) => void;
    const unknown = unknownFields(obj, (view) => validate.call(view)).map((u) => ({ object, path: pathOf(u.path), message: unknownFieldMessage(String(u.path[u.path.length - 1]), u.known) }));
    try {
      new Model(obj).validate();
      return unknown;
    } catch (err) {
      const errors = (err as { errors?: ErrorObject[] }).errors;
      if (!Array.isArray(errors)) return [{ object, path: '.', message: (err as Error).message }, ...unknown];
      return [...ajvProblems(object, obj, errors), ...unknown];
    }
  }
  const slash = o.apiVersion.indexOf('/');
  if (slash < 0) return [{ object, path: 'apiVersion', message: `${JSON.stringify(o.apiVersion)} is not a known core apiVersion` }];
  const group = o.apiVersion.slice(0, slash);
  const version = o.apiVersion.slice(slash + 1);
  const { file, validate } = crdValidator(group, version, o.kind);
  if (!validate) {
    return [
      {
        object,
        path: 'kind',
        message: `no schema for custom kind ${o.kind} (${o.apiVersion}): ${file} does not exist (set ${CRD_SCHEMAS_ENV} to the CRD schema folder)`,
      },
    ];
  }
  return validate(obj) ? [] : ajvProblems(object, obj, validate.errors ?? []);
}

/** Validates every object; never throws for invalid input. */
export function validateManifests(objs: readonly unknown[]): ValidationReport {
  const problems: ManifestProblem[] = [];
  objs.forEach((o, i) => problems.push(...validateManifest(o, i)));
  return { checked: objs.length, problems };
}
