/**
 * The report's startup table: per configuration, the median cold start and the image size,
 * each with what it measured (a cluster's pod scheduled → Ready and the node's image size, or
 * a local process's first healthy answer and the built artefact only).
 */
import { ImageSize, RunResult } from '../results/run-result';
import { ReportModel } from './model';
import { Table } from './tables';

const median = (xs: readonly number[]): number | undefined => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : undefined;
};

/** What an image-size figure counts, in words for a table cell. */
export function imageSizeSource(size: Pick<ImageSize, 'source'>): string {
  return size.source === 'node-image' ? 'image, as the node reports it' : 'built artefact only (no image built; base image not counted)';
}

/** What a cold-start figure spans on this target. */
function coldStartSource(r: RunResult): string {
  return r.target === 'local' ? 'process start → first healthy answer' : 'pod scheduled → Ready';
}

/** Cold start and image size per configuration (medians over runs); undefined when no run has either. */
export function startupTable(m: ReportModel): Table | undefined {
  const views = [...(m.reference ? [m.reference] : []), ...m.candidates.map((c) => c.view)];
  const rows: string[][] = [];
  for (const v of views) {
    const rs = v.group.results;
    const cold = median(rs.map((r) => r.coldStartMs).filter((x): x is number => x !== undefined));
    const sized = rs.filter((r) => r.imageSize);
    const bytes = median(sized.map((r) => (r.imageSize as ImageSize).bytes));
    if (cold === undefined && bytes === undefined) continue;
    rows.push([
      v.name,
      cold === undefined ? '-' : `${cold.toFixed(0)} ms`,
      cold === undefined ? '-' : coldStartSource(rs[0]),
      bytes === undefined ? '-' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`,
      bytes === undefined ? '-' : `${imageSizeSource(sized[0].imageSize as ImageSize)}: ${(sized[0].imageSize as ImageSize).ref}`,
    ]);
  }
  return rows.length ? { header: ['configuration', 'cold start (median)', 'cold start spans', 'image size (median)', 'image size counts'], rows } : undefined;
}
