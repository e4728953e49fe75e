/**
 * `perf script` text (from `perf record -g`) to folded stacks, as stackcollapse-perf.pl reads it:
 * each sample is a header line (`comm pid time: period event:`) then one indented line per frame,
 * leaf first (`addr symbol+offset (dso)`), then a blank line. The thread's name is the root frame;
 * the end-of-stack marker DWARF unwinding prints (address ffffffffffffffff) is left out.
 */
import * as path from 'path';
import { FoldedProfile, foldStacks } from './folded';

/** The symbol of one frame line; unknown symbols are named by their binary. */
function frameOf(line: string): string {
  const m = /^\s*[0-9a-f]+\s+(.*?)(?:\s+\((.*)\))?$/.exec(line);
  if (!m) return line.trim();
  let sym = m[1].replace(/\+0x[0-9a-f]+$/, '').replace(/::h[0-9a-f]{16}$/, '');
  if (sym === '[unknown]' && m[2]) sym = `[unknown] (${path.basename(m[2])})`;
  return sym;
}

/** Converts `perf script` output; each sample counts once. */
export function perfScriptToFolded(text: string): FoldedProfile {
  const stacks: [string[], number][] = [];
  let sample: { comm: string; leafFirst: string[] } | undefined;
  const flush = (): void => {
    if (sample) stacks.push([[sample.comm, ...sample.leafFirst.reverse()], 1]);
    sample = undefined;
  };
  for (const line of text.split('\n')) {
    if (!line.trim()) flush();
    else if (/^\s+f{16}\s/.test(line)) continue;
    else if (/^\s/.test(line)) sample?.leafFirst.push(frameOf(line));
    else {
      flush();
      sample = { comm: /^(.*?)\s+\d+(?:\/\d+)?\s/.exec(line)?.[1] ?? line.split(/\s/)[0], leafFirst: [] };
    }
  }
  flush();
  return foldStacks(stacks);
}
