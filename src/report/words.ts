/** Small wording helpers shared by the Markdown and HTML reports. */

/** `1 run`, `3 runs`. */
export function runsOf(n: number): string {
  return `${n} run${n === 1 ? '' : 's'}`;
}
