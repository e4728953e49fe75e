/**
 * The CRD schemas perflab ships, as listed in schemas/crds.list (file, kind, plural, scope): the
 * one table that maps a custom kind (`postgresql.cnpg.io/v1` `Cluster`) to its CRD name
 * (`clusters.postgresql.cnpg.io`). The preflight reads it to name the CRDs a stack's manifests
 * need; the cluster suite installs real CRDs from it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './stack-file';

/** One shipped schema and the names a CRD needs. */
export interface CrdEntry {
  /** Path under schemas/crds/, `<group>/<kind>_<version>.json`. */
  readonly file: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
}

/** The rows of `<root>/schemas/crds.list`; throws on a malformed row, naming it. */
export function shippedCrds(root = REPO_ROOT): CrdEntry[] {
  const rows = fs.readFileSync(path.join(root, 'schemas', 'crds.list'), 'utf8').split('\n');
  return rows
    .map((r) => r.trim())
    .filter((r) => r && !r.startsWith('#'))
    .map((r) => {
      const [file, kind, plural, scope] = r.split(/\s+/);
      const m = /^([^/]+)\/[a-z0-9]+_([a-z0-9]+)\.json$/.exec(file);
      if (!m || !kind || !plural || (scope !== 'Namespaced' && scope !== 'Cluster')) throw new Error(`schemas/crds.list: bad row "${r}"`);
      return { file, group: m[1], version: m[2], kind, plural, scope };
    });
}

/** The CRD name (`<plural>.<group>`) of an entry. */
export function crdName(e: Pick<CrdEntry, 'plural' | 'group'>): string {
  return `${e.plural}.${e.group}`;
}
