/**
 * Reads Kubernetes manifests from a file or a directory (recursively, `.yaml`, `.yml`, `.json`,
 * sorted by path): multi-document YAML, JSON objects or arrays, and `kind: List` flattened. Every
 * document must be a Kubernetes object (apiVersion and kind); anything else is bad input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Manifest } from './types';

/** Input that is not a readable set of manifests; the message names the file and document. */
export class ManifestInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestInputError';
  }
}

const EXTENSIONS = /\.(ya?ml|json)$/i;

function filesUnder(target: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new ManifestInputError(`${target}: no such file or directory`);
  }
  if (stat.isFile()) return [target];
  const out: string[] = [];
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (EXTENSIONS.test(entry.name)) out.push(full);
  }
  return out;
}

function flatten(doc: unknown, where: string): Manifest[] {
  if (doc === null || doc === undefined) return [];
  if (Array.isArray(doc)) return doc.flatMap((d, i) => flatten(d, `${where}[${i}]`));
  if (typeof doc !== 'object') throw new ManifestInputError(`${where}: not a Kubernetes object (a ${typeof doc})`);
  const m = doc as Manifest;
  if (typeof m.kind === 'string' && m.kind.endsWith('List') && Array.isArray(m.items)) {
    return (m.items as unknown[]).flatMap((d, i) => flatten(d, `${where} items[${i}]`));
  }
  if (typeof m.apiVersion !== 'string' || typeof m.kind !== 'string') {
    throw new ManifestInputError(`${where}: not a Kubernetes object (apiVersion and kind are required)`);
  }
  return [m];
}

function parseFile(file: string): Manifest[] {
  const text = fs.readFileSync(file, 'utf8');
  if (/\.json$/i.test(file)) {
    try {
      return flatten(JSON.parse(text), file);
    } catch (err) {
      if (err instanceof ManifestInputError) throw err;
      throw new ManifestInputError(`${file}: not valid JSON (${(err as Error).message})`);
    }
  }
  const out: Manifest[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    if (doc.errors.length) throw new ManifestInputError(`${file} document ${i + 1}: not valid YAML (${doc.errors[0].message})`);
    out.push(...flatten(doc.toJS(), `${file} document ${i + 1}`));
  });
  return out;
}

/** The manifests of each file in `target` (a file or a directory), by file. Throws ManifestInputError on bad input. */
export function loadManifestFiles(target: string): Array<{ file: string; objects: Manifest[] }> {
  const files = filesUnder(target);
  if (files.length === 0) throw new ManifestInputError(`${target}: no .yaml, .yml or .json files`);
  return files.map((file) => ({ file, objects: parseFile(file) }));
}

/** The manifests in `target` (a file or a directory). Throws ManifestInputError on bad input. */
export function loadManifests(target: string): { objects: Manifest[]; files: string[] } {
  const byFile = loadManifestFiles(target);
  return { objects: byFile.flatMap((f) => f.objects), files: byFile.map((f) => f.file) };
}
