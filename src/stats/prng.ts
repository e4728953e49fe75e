/**
 * A small seeded pseudo-random generator (mulberry32) so bootstrap intervals, and therefore
 * every table and verdict built on them, are reproducible run to run and in tests.
 */

/** A function returning uniform numbers in [0, 1), like Math.random. */
export type RandomSource = () => number;

/** Default seed of every statistic in perflab; change it with `--seed`. */
export const DEFAULT_SEED = 1;

/** A mulberry32 generator seeded with `seed` (any 32-bit integer). */
export function seededRandom(seed: number = DEFAULT_SEED): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
