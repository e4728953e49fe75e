/**
 * Builds of the local target (src/local/commands.ts) and the process groups they run in
 * (src/local/process-group.ts): the elapsed time is shown while a build runs, and an aborted
 * build stops everything it started, grandchildren included.
 */
import { CommandAbortedError, runBuild, runCommand } from '../src/local/commands';
import { ProgressReporter } from '../src/local/progress';
import { groupMembers } from './helpers/process-tree';

function recorder(): ProgressReporter & { steps: string[]; updates: string[] } {
  const steps: string[] = [];
  const updates: string[] = [];
  return { steps, updates, step: (m) => steps.push(m), update: (m) => updates.push(m), done: () => undefined };
}

describe('runBuild', () => {
  it('names the variant building and shows the elapsed seconds, then how long it took', async () => {
    const p = recorder();
    await runBuild([{ command: 'sleep', args: ['2.2'], cwd: '/' }], 'build demo', { tag: '[demo]', what: '(sleep)', progress: p });
    expect(p.steps[0]).toBe('[demo] building (sleep)');
    // Once a second (later on a busy machine): the seconds so far, never going back.
    expect(p.updates.length).toBeGreaterThanOrEqual(1);
    const seconds = p.updates.map((u) => Number(/^\[demo\] building \(sleep\)… (\d+) s$/.exec(u)?.[1]));
    expect(seconds.every((x, i) => x >= 1 && (i === 0 || x >= seconds[i - 1]))).toBe(true);
    expect(p.steps[1]).toMatch(/^\[demo\] built in [2-9] s$/);
  });

  it('fails with the command and its last output lines', async () => {
    const p = recorder();
    await expect(runBuild([{ command: 'sh', args: ['-c', 'echo broken >&2; exit 3'], cwd: '/' }], 'build demo', { tag: '[demo]', what: '', progress: p })).rejects.toThrow(
      /build demo: `sh -c echo broken >&2; exit 3` failed \(exit 3\) in \/:\nbroken/,
    );
  });
});

describe('runCommand in a process group', () => {
  it('stops the whole group when aborted, grandchildren included', async () => {
    const controller = new AbortController();
    // sh starts a background grandchild and waits: killing sh alone would leave `sleep` running.
    const pidFile = `/tmp/perflab-group-test-${process.pid}`;
    const running = runCommand({ command: 'sh', args: ['-c', `sleep 30 & echo $$ > ${pidFile}; wait`], cwd: '/' }, 'build demo', controller.signal);
    const fs = await import('fs');
    for (let i = 0; i < 100 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    const pgid = Number(fs.readFileSync(pidFile, 'utf8'));
    fs.rmSync(pidFile, { force: true });
    const hasSleep = (): boolean => groupMembers(pgid).some((p) => p.command === 'sleep');
    for (let i = 0; i < 100 && !hasSleep(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(groupMembers(pgid).map((p) => p.command).sort()).toEqual(['sh', 'sleep']);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(CommandAbortedError);
    for (let i = 0; i < 20 && groupMembers(pgid).length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(groupMembers(pgid)).toEqual([]);
  });
});
