/**
 * Reads a k6 script's `options.thresholds` statically (acorn, no execution): the exported
 * `options` object literal, its `thresholds` property, and which thresholds can actually fail.
 * perflab's generator adds `max>=0` thresholds per endpoint only to make k6 report the
 * sub-metrics; those always hold, so they do not count as thresholds.
 */
import * as acorn from 'acorn';

/** What a script's thresholds are. */
export type ThresholdsReading =
  | { readonly kind: 'parse-error'; readonly error: string }
  | { readonly kind: 'no-options' }
  | { readonly kind: 'not-literal' }
  | { readonly kind: 'read'; readonly thresholds: Readonly<Record<string, readonly string[]>> };

type AnyNode = acorn.Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NOT_LITERAL = Symbol('not-literal');

/** The value of a literal expression (objects, arrays, strings, numbers, booleans), or NOT_LITERAL. */
function literalValue(node: AnyNode): unknown {
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? node.quasis.map((q: AnyNode) => q.value.cooked).join('') : NOT_LITERAL;
    case 'ArrayExpression': {
      const out: unknown[] = [];
      for (const e of node.elements) {
        const v = e ? literalValue(e) : NOT_LITERAL;
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out.push(v);
      }
      return out;
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (p.type !== 'Property' || p.computed) return NOT_LITERAL;
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.value;
        const v = literalValue(p.value);
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out[String(key)] = v;
      }
      return out;
    }
    default:
      return NOT_LITERAL;
  }
}

/** The initializer of `export const|let|var options = ...`, if the script has one. */
function exportedOptions(ast: AnyNode): AnyNode | undefined {
  for (const stmt of ast.body as AnyNode[]) {
    if (stmt.type !== 'ExportNamedDeclaration' || stmt.declaration?.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declaration.declarations as AnyNode[]) {
      if (d.id.type === 'Identifier' && d.id.name === 'options' && d.init) return d.init;
    }
  }
  return undefined;
}

/** Reads `options.thresholds` of a k6 script: metric → threshold expressions. */
export function readThresholds(script: string): ThresholdsReading {
  let ast: AnyNode;
  try {
    ast = acorn.parse(script, { ecmaVersion: 'latest', sourceType: 'module' }) as AnyNode;
  } catch (err) {
    return { kind: 'parse-error', error: (err as Error).message };
  }
  const options = exportedOptions(ast);
  if (!options) return { kind: 'no-options' };
  if (options.type !== 'ObjectExpression') return { kind: 'not-literal' };
  const prop = (options.properties as AnyNode[]).find(
    (p) => p.type === 'Property' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === 'thresholds') || p.key.value === 'thresholds'),
  );
  if (!prop) return { kind: 'read', thresholds: {} };
  const value = literalValue(prop.value);
  if (value === NOT_LITERAL || !value || typeof value !== 'object' || Array.isArray(value)) return { kind: 'not-literal' };
  const thresholds: Record<string, string[]> = {};
  for (const [metric, raw] of Object.entries(value as Record<string, unknown>)) {
    const list = Array.isArray(raw) ? raw : [raw];
    thresholds[metric] = list
      .map((t) => (typeof t === 'string' ? t : t && typeof t === 'object' ? (t as { threshold?: unknown }).threshold : undefined))
      .filter((t): t is string => typeof t === 'string');
  }
  return { kind: 'read', thresholds };
}

/** Whether a threshold expression always holds (`max>=0`, `count >= 0`, `p(99)>=0`): metrics are never negative. */
export function isTrivialThreshold(expression: string): boolean {
  return /^\s*[a-z]+(\(\s*\d+(\.\d+)?\s*\))?\s*>=\s*0(\.0*)?\s*$/i.test(expression);
}

/** The thresholds that can fail (at least one non-trivial expression), as `metric: expr, expr`. */
export function effectiveThresholds(thresholds: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(thresholds)
    .filter(([, exprs]) => exprs.some((e) => !isTrivialThreshold(e)))
    .map(([metric, exprs]) => `${metric}: ${exprs.join(', ')}`);
}
