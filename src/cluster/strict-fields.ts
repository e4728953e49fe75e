/**
 * Unknown fields of core kinds, as the API server's strict field validation
 * (`kubectl apply --validate=strict`) rejects them. kubernetes-models' compiled validators know
 * each schema's properties but ignore the others; here the object is validated through proxies that
 * record which properties the validator reads. An object node whose properties the validator looked
 * up (it reads every property its schema defines, present or not) and that has a key it never
 * read holds an unknown field; a node it only enumerated (labels, annotations, ConfigMap data) is a
 * map, and a node it never looked into is free-form (RawExtension), so neither is judged.
 */

/** One unknown field: its path segments and the fields the schema knows at that place. */
export interface UnknownField {
  readonly path: readonly (string | number)[];
  readonly known: readonly string[];
}

interface NodeRecord {
  readonly path: (string | number)[];
  readonly value: Record<string, unknown>;
  readonly read: Set<string>;
  enumerated: boolean;
}

/**
 * Runs `validate` on a tracking view of `obj` and returns the fields it never read, in document
 * order. `validate` may throw (a schema error); the fields read until then still count.
 */
export function unknownFields(obj: unknown, validate: (view: unknown) => void): UnknownField[] {
  const records: NodeRecord[] = [];
  const byNode = new Map<object, NodeRecord>();
  const view = (value: unknown, path: (string | number)[]): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const isArray = Array.isArray(value);
    let rec = isArray ? undefined : byNode.get(value);
    if (!isArray && !rec) {
      rec = { path, value: value as Record<string, unknown>, read: new Set(), enumerated: false };
      byNode.set(value, rec);
      records.push(rec);
    }
    return new Proxy(value, {
      get(target, key, receiver) {
        const child = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return child;
        if (rec) rec.read.add(key);
        if (isArray) return /^\d+$/.test(key) ? view(child, [...path, Number(key)]) : child;
        return view(child, [...path, key]);
      },
      has(target, key) {
        if (rec && typeof key === 'string') rec.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        if (rec) rec.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  };
  try {
    validate(view(obj, []));
  } catch {
    // schema errors are reported by the caller's own validation run
  }
  const out: UnknownField[] = [];
  for (const rec of records) {
    if (rec.enumerated || rec.read.size === 0) continue;
    for (const key of Object.keys(rec.value)) {
      if (!rec.read.has(key)) out.push({ path: [...rec.path, key], known: [...rec.read].filter((k) => !/^\d+$/.test(k)).sort() });
    }
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** The known name closest to `name` when it is a likely misspelling (edit distance ≤ 1/3 of its length, at most 3). */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  for (const k of known) {
    const dist = editDistance(name, k);
    if (dist <= bestDistance && (best === undefined || dist < bestDistance)) {
      best = k;
      bestDistance = dist;
    }
  }
  return best;
}
