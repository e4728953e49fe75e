/**
 * The size of a built artefact on disk: what a container image would add beyond its pinned base
 * image (a binary, a publish folder, a bundle with its node_modules). Not an image size: the
 * base image and layer overhead are not counted, and the RunResult says so (`built-artefact`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ImageSize } from '../results/run-result';

/** Bytes of regular files under `p` (itself when a file); symlinks are counted as links, never followed. */
function bytesUnder(p: string): number {
  const st = fs.lstatSync(p);
  if (st.isDirectory()) return fs.readdirSync(p).reduce((sum, name) => sum + bytesUnder(path.join(p, name)), 0);
  return st.isFile() ? st.size : 0;
}

/**
 * The built artefact's size: `paths` (relative to `root`) summed. Throws naming the path when
 * one is missing (the build did not produce it).
 */
export function artefactSize(root: string, paths: readonly string[]): ImageSize {
  let bytes = 0;
  for (const rel of paths) {
    const p = path.join(root, rel);
    if (!fs.existsSync(p)) throw new Error(`built artefact ${p} is missing: the build did not produce it`);
    bytes += bytesUnder(p);
  }
  return { bytes, source: 'built-artefact', ref: paths.join(' + ') };
}
