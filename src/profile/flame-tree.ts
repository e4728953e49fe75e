/** Folded stacks as a call tree, the shape a flamegraph draws: each node's total and self samples. */
import { FoldedProfile } from './folded';

/** One frame in the call tree at one call path. */
export interface FlameNode {
  readonly name: string;
  /** Samples in this frame and everything it called. */
  total: number;
  /** Samples in which this frame was running. */
  self: number;
  readonly children: FlameNode[];
}

/** The call tree under a synthetic root named `all`; children heaviest first. */
export function flameTree(p: FoldedProfile): FlameNode {
  const root: FlameNode = { name: 'all', total: 0, self: 0, children: [] };
  const index = new Map<FlameNode, Map<string, FlameNode>>();
  const child = (parent: FlameNode, name: string): FlameNode => {
    let m = index.get(parent);
    if (!m) index.set(parent, (m = new Map()));
    let c = m.get(name);
    if (!c) {
      c = { name, total: 0, self: 0, children: [] };
      m.set(name, c);
      parent.children.push(c);
    }
    return c;
  };
  for (const s of p.stacks) {
    let at = root;
    at.total += s.samples;
    for (const f of s.frames) {
      at = child(at, f);
      at.total += s.samples;
    }
    at.self += s.samples;
  }
  const sort = (n: FlameNode): void => {
    n.children.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}
