/**
 * The `perflab` command line. Each command lives in its own module under commands/ and is
 * registered here; `main` returns the process exit code.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/errors';
import { registerCompare } from './commands/compare';
import { registerBaseline } from './commands/baseline';
import { registerAb } from './commands/ab';
import { registerGate } from './commands/gate';
import { registerHistory } from './commands/history';
import { registerReport } from './commands/report';
import { registerProfiles } from './commands/profiles';
import { registerRun } from './commands/run';
import { registerSynth } from './commands/synth';
import { registerCheck } from './commands/check';
import { registerPlan } from './commands/plan';
import { registerValidate } from './commands/validate';
import { registerPreflight } from './commands/preflight';

/** Exit code of a command that ran and found a problem in what it checked (a failed gate, failed thresholds). */
export const EXIT_FAILED_CHECK = 1;
/** Exit code of bad input: unknown options, invalid config, unreadable results. */
export const EXIT_BAD_INPUT = 2;

/** The program with every command registered; `setExitCode` receives each command's outcome. */
export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('perflab')
    .description('Performance and cost experiment lab for Kubernetes: run, compare and gate experiments')
    .showHelpAfterError()
    .exitOverride();
  registerRun(program, setExitCode);
  registerCompare(program, setExitCode);
  registerBaseline(program, setExitCode);
  registerGate(program, setExitCode);
  registerAb(program, setExitCode);
  registerHistory(program, setExitCode);
  registerReport(program, setExitCode);
  registerProfiles(program, setExitCode);
  registerSynth(program, setExitCode);
  registerCheck(program, setExitCode);
  registerValidate(program, setExitCode);
  registerPlan(program, setExitCode);
  registerPreflight(program, setExitCode);
  return program;
}

/** Runs the CLI with `argv` (as in process.argv); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = Math.max(code, c);
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    if (err instanceof ConfigError) {
      process.stderr.write(`perflab: invalid configuration\n  ${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw err;
  }
}
