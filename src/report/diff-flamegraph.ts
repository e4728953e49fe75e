/**
 * A differential flamegraph of two profiles of one variant, as Brendan Gregg draws them: the shape
 * is the later profile's; each frame is coloured by how its self-time share at that call path
 * changed from the earlier profile — red grew, blue shrank, pale unchanged (strongest colour at
 * the largest change). Written as one self-contained HTML page.
 */
import { FoldedProfile, totalSamples } from '../profile/folded';
import { flamegraphSvg } from './flamegraph';
import { REPORT_CSS } from './style';
import { esc } from './svg';

/** Self-time share per call path (frames joined with `;`). */
function selfShareByPath(p: FoldedProfile): Map<string, number> {
  const total = totalSamples(p);
  return new Map(p.stacks.map((s) => [s.frames.join(';'), total ? s.samples / total : 0]));
}

/** The SVG of `after` coloured by the change from `before`, or undefined when `after` has no samples. */
export function diffFlamegraphSvg(before: FoldedProfile, after: FoldedProfile): string | undefined {
  const a = selfShareByPath(before);
  const b = selfShareByPath(after);
  const changes = [...new Set([...a.keys(), ...b.keys()])].map((k) => (b.get(k) ?? 0) - (a.get(k) ?? 0));
  const maxAbs = Math.max(1e-9, ...changes.map(Math.abs));
  return flamegraphSvg(after, {
    paint: (path) => {
      const key = path.join(';');
      const change = (b.get(key) ?? 0) - (a.get(key) ?? 0);
      const strength = Math.min(1, Math.abs(change) / maxAbs);
      const light = Math.round(96 - 46 * strength);
      const fill = change > 0 ? `hsl(0, 80%, ${light}%)` : change < 0 ? `hsl(220, 80%, ${light}%)` : 'hsl(40, 30%, 94%)';
      return { fill, note: `self share ${(100 * (a.get(key) ?? 0)).toFixed(2)}% → ${(100 * (b.get(key) ?? 0)).toFixed(2)}%` };
    },
  });
}

/** A whole HTML page holding the differential flamegraph, titled `title`. */
export function diffFlamegraphHtml(title: string, before: FoldedProfile, after: FoldedProfile): string {
  const svg = diffFlamegraphSvg(before, after) ?? '<p>The later profile has no samples.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head>
<body><main><section><h2>${esc(title)}</h2><p class="meta">Shape: the later run's profile. Colour: change of each call path's self-time share — red grew, blue shrank; hover a frame for both shares.</p>${svg}</section></main></body></html>
`;
}
