/**
 * wrk (Debian package `wrk`, 4.1) as the reference for the runtime experiment's local figures:
 * run pinned like the native driver, with its CPU time taken from the shell's `times` builtin
 * (the children's user and system time).
 */
import { spawnGroup } from '../../../src/local/process-group';
import { pinnedCommand } from '../../../src/local/cpu-affinity';

/** How to get wrk when it is missing. */
export const WRK_INSTALL_HINT = 'apt-get install -y wrk (scripts/install-system-deps.sh installs it)';

/** One wrk run's figures. */
export interface WrkRun {
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** wrk's user + system CPU seconds. */
  readonly cpuSeconds: number;
}

const seconds = (m: string, s: string): number => Number(m) * 60 + Number(s);

/**
 * Parses wrk's report followed by the output of `times` (`0m0.01s 0m0.00s` for the shell, then
 * the same for its children); throws naming what is missing.
 */
export function parseWrkOutput(text: string): WrkRun {
  const requests = /^\s*(\d+) requests in/m.exec(text);
  const rps = /^Requests\/sec:\s*([\d.]+)/m.exec(text);
  const times = [...text.matchAll(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/gm)];
  if (!requests || !rps) throw new Error(`wrk printed no "requests in" / "Requests/sec" line:\n${text.slice(0, 800)}`);
  if (times.length < 2) throw new Error(`no CPU times after wrk's report:\n${text.slice(-300)}`);
  const child = times[times.length - 1];
  return { requests: Number(requests[1]), requestsPerSecond: Number(rps[1]), cpuSeconds: seconds(child[1], child[2]) + seconds(child[3], child[4]) };
}

/** Runs `wrk -t<threads> -c<connections> -d<seconds>s url`, pinned to `cpus` when given. */
export function runWrk(url: string, opts: { connections: number; seconds: number; cpus?: readonly number[] }): Promise<WrkRun> {
  const threads = Math.max(1, Math.min(opts.connections, opts.cpus?.length ?? 1));
  const wrk = pinnedCommand('wrk', [`-t${threads}`, `-c${opts.connections}`, `-d${opts.seconds}s`, url], opts.cpus);
  const script = '"$@"; status=$?; times; exit $status';
  return new Promise((resolve, reject) => {
    const child = spawnGroup('sh', ['-c', script, 'sh', wrk.command, ...wrk.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', (err) => reject(new Error(`cannot run wrk: ${err.message} — ${WRK_INSTALL_HINT}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out.slice(-800)}`));
      try {
        resolve(parseWrkOutput(out));
      } catch (err) {
        reject(err);
      }
    });
  });
}
