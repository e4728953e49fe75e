/**
 * Ctrl-C during a local run: the first SIGINT aborts the run (servers are stopped, partial
 * results are not stored), a second one exits at once. Every process started is stopped when
 * the work ends, whatever happens.
 */
import { stopAllProcesses } from './processes';
import { ProgressReporter } from './progress';

/** Runs `work` with an AbortSignal wired to SIGINT; stops every started process afterwards. */
export async function withInterrupt<T>(progress: ProgressReporter, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    progress.step('interrupted: stopping servers (Ctrl-C again to exit at once)');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    await stopAllProcesses();
  }
}
