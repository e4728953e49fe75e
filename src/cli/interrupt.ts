/**
 * How a long command stops on a signal: Ctrl-C (SIGINT), SIGTERM (what `timeout`, a cancelled CI
 * job or a process manager sends) and SIGHUP (a closed terminal) all abort the run the same way —
 * servers stopped, nothing partial stored, "interrupted" said. A second signal kills every child
 * process group at once and exits with 128 + the signal's number.
 */
import * as os from 'os';
import { killAllGroups } from '../local/process-group';
import { stopAllProcesses } from '../local/processes';

/** The signals that interrupt a run. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** One of STOP_SIGNALS. */
export type StopSignal = (typeof STOP_SIGNALS)[number];

/**
 * Aborts `controller` on the first stop signal, after `say`ing so; exits at once on a second.
 * Returns the function that removes the handlers again.
 */
export function abortOnSignals(controller: AbortController, say: (message: string) => void): () => void {
  const handler = (signal: StopSignal): void => {
    if (controller.signal.aborted) {
      killAllGroups();
      process.exit(128 + (os.constants.signals[signal] ?? 2));
    }
    const again = signal === 'SIGINT' ? 'Ctrl-C again' : `${signal} again`;
    try {
      say(`interrupted: stopping servers (${signal}; ${again} to exit at once)`);
    } catch {
      // stderr may be gone (SIGHUP from a closed terminal): stopping matters more than saying so.
    }
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, handler);
  };
}

/**
 * Runs `work` with an AbortSignal wired to the stop signals (abortOnSignals); stops every process
 * started meanwhile when the work ends, whatever happens.
 */
export async function withInterrupt<T>(progress: { step(message: string): void }, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const remove = abortOnSignals(controller, (m) => progress.step(m));
  try {
    return await work(controller.signal);
  } finally {
    remove();
    await stopAllProcesses();
  }
}
