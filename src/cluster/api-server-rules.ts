/**
 * Checks the API server makes beyond the OpenAPI schema, for every object (core or custom): object
 * names are DNS-1123 subdomains (Namespaces DNS-1123 labels, Services RFC 1035 labels), namespaces
 * DNS-1123 labels, label keys and values well-formed, and each container of a pod spec (Pods and
 * every workload's pod template) has a DNS-1123 label name and an image.
 */

/** One rule violation: path segments inside the object and what is wrong. */
export interface RuleProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const RFC1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

interface NameRule {
  readonly test: RegExp;
  readonly max: number;
  readonly what: string;
}

const NAME_RULES = {
  subdomain: { test: SUBDOMAIN, max: 253, what: "a lowercase RFC 1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit" },
  label: { test: LABEL, max: 63, what: "a lowercase RFC 1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit" },
  rfc1035: { test: RFC1035, max: 63, what: "a lowercase RFC 1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit" },
} satisfies Record<string, NameRule>;

/** `Web_Bad` → `web-bad`: the nearest valid name, offered as a suggestion. */
function fixedName(name: string, rule: NameRule): string {
  const allowed = rule === NAME_RULES.subdomain ? /[^-a-z0-9.]+/g : /[^-a-z0-9]+/g;
  let s = name.toLowerCase().replace(allowed, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  if (rule === NAME_RULES.rfc1035) s = s.replace(/^[^a-z]+/, '');
  return s.slice(0, rule.max).replace(/[^a-z0-9]+$/, '');
}

function checkName(value: unknown, rule: NameRule, path: (string | number)[], out: RuleProblem[]): void {
  if (typeof value !== 'string') return; // the schema says what type it must be
  if (rule.test.test(value) && value.length <= rule.max) return;
  const fixed = fixedName(value, rule);
  const hint = fixed && fixed !== value && rule.test.test(fixed) ? `; did you mean ${JSON.stringify(fixed)}?` : '';
  const tooLong = value.length > rule.max ? ` of at most ${rule.max} characters` : '';
  out.push({ path, message: `${JSON.stringify(value)} is not valid: must be ${rule.what}${tooLong}${hint}` });
}

function checkLabels(labels: unknown, out: RuleProblem[]): void {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return;
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    const path = ['metadata', 'labels', key];
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    if ((prefix !== undefined && !(SUBDOMAIN.test(prefix) && prefix.length <= 253)) || !LABEL_NAME.test(name) || name.length > 63) {
      out.push({ path, message: `label key ${JSON.stringify(key)} is not valid: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit` });
    }
    if (typeof value === 'string' && value !== '' && (!LABEL_NAME.test(value) || value.length > 63)) {
      out.push({ path, message: `label value ${JSON.stringify(value)} is not valid: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit` });
    }
  }
}

/** Where a kind keeps its pod spec (path segments inside the object). */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The value at `path` inside `obj`, or undefined. */
export function at(obj: unknown, path: readonly string[]): unknown {
  let v = obj;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

function checkContainers(obj: Record<string, unknown>, kind: string, out: RuleProblem[]): void {
  const specPath = POD_SPEC_PATHS[kind];
  const spec = specPath && at(obj, specPath);
  if (!spec || typeof spec !== 'object') return;
  for (const list of ['initContainers', 'containers']) {
    const containers = (spec as Record<string, unknown>)[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((c: unknown, i) => {
      if (!c || typeof c !== 'object') return;
      const path = [...specPath, list, i];
      const container = c as Record<string, unknown>;
      checkName(container.name, NAME_RULES.label, [...path, 'name'], out);
      if (container.image === undefined || container.image === '') out.push({ path: [...path, 'image'], message: 'is required' });
    });
  }
}

/** Problems the API server would find in `obj` beyond its schema (apiVersion/kind/name already present). */
export function apiServerProblems(obj: Record<string, unknown>, kind: string): RuleProblem[] {
  const out: RuleProblem[] = [];
  const metadata = (obj.metadata ?? {}) as Record<string, unknown>;
  const rule = kind === 'Namespace' ? NAME_RULES.label : kind === 'Service' ? NAME_RULES.rfc1035 : NAME_RULES.subdomain;
  checkName(metadata.name, rule, ['metadata', 'name'], out);
  checkName(metadata.namespace, NAME_RULES.label, ['metadata', 'namespace'], out);
  checkLabels(metadata.labels, out);
  checkContainers(obj, kind, out);
  return out;
}
