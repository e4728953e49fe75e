/**
 * The runtime variants' image-size figure on the local target: no image is built here, so a
 * result carries the size of the built artefact the image would add beyond its pinned base,
 * labelled `built-artefact`, with a note on how it differs from what the Dockerfile copies.
 */
import { artefactSize } from '../../src/local/artefact-size';
import { RunResult } from '../../src/results/run-result';
import { RuntimeVariantSpec } from './variant-spec';

/** `result` with the size of the variant's built artefact and a note saying what it is. */
export function withArtefactSize(result: RunResult, spec: Pick<RuntimeVariantSpec, 'appDir' | 'artefact'>): RunResult {
  const size = artefactSize(spec.appDir, spec.artefact.paths);
  return {
    ...result,
    imageSize: size,
    notes: [...result.notes, `image size: not measured locally (no image is built); the built artefact ${size.ref} is ${(size.bytes / 1024 / 1024).toFixed(1)} MiB: ${spec.artefact.note}`],
  };
}
