/**
 * A flamegraph as inline SVG (icicle layout: callers on top, callees below; widths by samples),
 * drawn here with no script and no network. Each frame carries a `<title>` tooltip with its
 * total and self samples; labels are cut to the width they have; frames narrower than a
 * fraction of a pixel are left out (their samples still count in their callers' widths).
 */
import { FlameNode, flameTree } from '../profile/flame-tree';
import { FoldedProfile } from '../profile/folded';
import { esc } from './svg';

/** Sizes of a flamegraph. */
export interface FlamegraphOptions {
  /** @default 1000 */
  readonly width?: number;
  /** Height of one frame row (px). @default 16 */
  readonly rowHeight?: number;
  /** Deepest row drawn. @default 48 */
  readonly maxDepth?: number;
  /** Frames narrower than this (px) are not drawn. @default 0.5 */
  readonly minWidthPx?: number;
  /**
   * A frame's fill and a line added to its tooltip, from its call path (root frame first, `all`
   * left out). @default a warm colour per frame name, no extra line
   */
  readonly paint?: (path: readonly string[], node: FlameNode) => { readonly fill: string; readonly note?: string };
}

/** Average width of one label character at the 11 px font (px). */
const CHAR_PX = 6.4;

/** A warm colour stable per frame name (same frame, same colour in every graph). */
function colourOf(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return `hsl(${10 + (h % 45)}, ${70 + (h % 20)}%, ${58 + ((h >> 8) % 14)}%)`;
}

/** The label that fits `px`, cut with an ellipsis; empty when not even two characters fit. */
export function fitLabel(name: string, px: number): string {
  const chars = Math.floor((px - 6) / CHAR_PX);
  if (chars < 2) return '';
  return name.length <= chars ? name : `${name.slice(0, chars - 1)}…`;
}

const pct = (n: number, total: number): string => `${((100 * n) / total).toFixed(2)}%`;

/** The flamegraph of `p`, or undefined when it has no samples. */
export function flamegraphSvg(p: FoldedProfile, opts: FlamegraphOptions = {}): string | undefined {
  const width = opts.width ?? 1000;
  const rowHeight = opts.rowHeight ?? 16;
  const maxDepth = opts.maxDepth ?? 48;
  const minWidth = opts.minWidthPx ?? 0.5;
  const root = flameTree(p);
  if (root.total === 0) return undefined;
  const scale = width / root.total;
  const frames: string[] = [];
  let deepest = 0;
  const draw = (n: FlameNode, x: number, depth: number, path: readonly string[]): void => {
    const w = n.total * scale;
    if (w < minWidth || depth > maxDepth) return;
    deepest = Math.max(deepest, depth);
    const y = depth * rowHeight;
    const label = fitLabel(n.name, w);
    const painted = n === root ? { fill: '#cbd5e1' } : opts.paint?.(path, n) ?? { fill: colourOf(n.name) };
    frames.push(
      `<g class="fg-frame"><title>${esc(n.name)} — ${n.total} samples (${pct(n.total, root.total)}), self ${n.self} (${pct(n.self, root.total)})${painted.note ? `; ${esc(painted.note)}` : ''}</title>` +
        `<rect x="${x.toFixed(2)}" y="${y}" width="${Math.max(w - 0.5, 0.1).toFixed(2)}" height="${rowHeight - 1}" rx="1.5" fill="${painted.fill}"/>` +
        (label ? `<text x="${(x + 3).toFixed(2)}" y="${y + rowHeight - 4.5}">${esc(label)}</text>` : '') +
        '</g>',
    );
    let cx = x;
    for (const c of n.children) {
      draw(c, cx, depth + 1, [...path, c.name]);
      cx += c.total * scale;
    }
  };
  draw(root, 0, 0, []);
  const height = (deepest + 1) * rowHeight;
  return `<svg class="flamegraph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="CPU flamegraph, ${root.total} samples" font-family="ui-monospace, SFMono-Regular, Menlo, monospace" font-size="11" fill="#1f2937">${frames.join('')}</svg>`;
}
