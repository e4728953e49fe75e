/** Turns schema issues into messages that name the key, the bad value and what is allowed. */
import { z } from 'zod';

/** Bad configuration: one message per problem, all reported at once before anything runs. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} configuration problems:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** `perflab:load.stages[0].target` from a prefix and a zod path. */
export function formatKey(prefix: string, path: readonly PropertyKey[]): string {
  let key = prefix;
  path.forEach((p, i) => {
    if (typeof p === 'number') key += `[${p}]`;
    else key += i === 0 && (prefix === '' || prefix.endsWith(':')) ? String(p) : `.${String(p)}`;
  });
  return key;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** One readable line for a zod issue, e.g. `perflab:variant: "istoi" is not one of go, rust`. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown, prefix: string): string {
  const key = formatKey(prefix, issue.path);
  const received = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_value':
      return received === undefined
        ? `${key} is required (one of ${issue.values.map((v) => String(v)).join(', ')})`
        : `${key}: ${show(received)} is not one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_type':
      return received === undefined
        ? `${key} is required (expected ${issue.expected})`
        : `${key}: ${show(received)} is not a ${issue.expected}`;
    case 'too_small':
      return `${key}: ${show(received)} is too small; it must be ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `${key}: ${show(received)} is too big; it must be ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'unrecognized_keys':
      return issue.keys.map((k) => `${formatKey(prefix, [...issue.path, k])} is not a known key`).join('; ');
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) {
        const allowed = options.map((o) => String(o)).join(', ');
        return received === undefined ? `${key} is required (one of ${allowed})` : `${key}: ${show(received)} is not one of ${allowed}`;
      }
      // Describe the alternative the value got closest to (past the type check), with full paths.
      const alternatives = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
      const typeOnly = (l: z.core.$ZodIssue[]): boolean => l.length === 1 && l[0].code === 'invalid_type' && l[0].path.length === 0;
      const closest = alternatives.find((l) => l.length > 0 && !typeOnly(l));
      if (closest) return closest.map((i) => describeIssue({ ...i, path: [...issue.path, ...i.path] } as z.core.$ZodIssue, input, prefix)).join('; ');
      const expected = alternatives.filter(typeOnly).map((l) => String((l[0] as { expected?: unknown }).expected));
      return expected.length
        ? `${key}: ${show(received)} is not a ${expected.join(' or ')}`
        : `${key}: ${show(received)} matches none of the allowed forms`;
    }
    case 'invalid_format':
      return `${key}: ${show(received)} is not valid (${issue.message})`;
    default:
      return `${key}: ${show(received)}: ${issue.message}`;
  }
}

/** Parses `input` with `schema`, or throws a ConfigError listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, prefix: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ConfigError(r.error.issues.map((i) => describeIssue(i, input, prefix)));
}
