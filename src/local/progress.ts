/**
 * Progress lines for long local runs, on stderr: redrawn in place on a terminal, one line every
 * few seconds otherwise (CI logs), silent when disabled.
 */

/** Where progress goes. */
export interface ProgressReporter {
  /** A step that starts or ends (always printed on its own line). */
  step(message: string): void;
  /** A status update that replaces the previous one. */
  update(message: string): void;
  /** Ends the current status line. */
  done(): void;
}

/** A reporter writing to `stream` (default stderr); `quiet` prints nothing. */
export function createProgress(opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): ProgressReporter {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet) return { step: () => undefined, update: () => undefined, done: () => undefined };
  const tty = Boolean(stream.isTTY);
  let lastPlain = 0;
  let open = false;
  return {
    step(message) {
      if (open && tty) stream.write('\n');
      open = false;
      stream.write(`${message}\n`);
    },
    update(message) {
      if (tty) {
        stream.write(`\r\x1b[2K${message}`);
        open = true;
      } else if (Date.now() - lastPlain >= 5000) {
        lastPlain = Date.now();
        stream.write(`${message}\n`);
      }
    },
    done() {
      if (open && tty) stream.write('\n');
      open = false;
    },
  };
}
