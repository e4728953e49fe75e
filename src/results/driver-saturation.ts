/** How a result measured through a saturated load driver is marked in tables. */
import { RunResult } from './run-result';

/** The warning printed and shown with a saturated result. */
export const SATURATION_WARNING = 'load driver saturated: the comparison measures the driver';

/** Whether a result is marked as measured by a saturated driver. */
export function driverSaturated(r: RunResult): boolean {
  return r.loadGeneratorUsage?.saturated === true;
}

/** `name` with a `!` when the result is marked. */
export function markSaturated(name: string, results: readonly RunResult[]): string {
  return results.some(driverSaturated) ? `${name} !` : name;
}

/** A line naming the saturated results among `results`, or undefined when none is. */
export function saturationNote(results: readonly RunResult[], name: (r: RunResult) => string): string | undefined {
  const marked = [...new Set(results.filter(driverSaturated).map(name))];
  return marked.length ? `! ${SATURATION_WARNING}: ${marked.join(', ')}` : undefined;
}
