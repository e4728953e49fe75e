/**
 * The native load driver's cost and reach against wrk on the same server: CPU microseconds per
 * request of each tool, and native RPS as a ratio of wrk's, on the go and node apps (GET /json,
 * 8 connections, 3 alternating rounds × 5 s, pinned as perflab pins by default). Goals: ≤ 5 µs
 * per request, RPS ratio within 1 ± 0.15.
 */
import { measureAgainstWrk } from '../experiments/runtime/reference/alternating';
import { againstWrkTable } from '../experiments/runtime/reference/table';

/** Benchmark name for `npm run bench -- native-driver`. */
export const name = 'native-driver';

/** Runs the measurement and prints the table. */
export async function run(): Promise<void> {
  const m = await measureAgainstWrk({ variants: ['go', 'node'], rounds: 3, seconds: 5 });
  process.stdout.write(`${againstWrkTable(m)}\n`);
}
