/**
 * For the suite's measuring tests: flush dirty pages (`sync`) and wait until the machine's CPUs
 * are nearly idle, so what the previous test left behind (a broker's JVM exiting, gigabytes of
 * broker logs being written back) does not land in the first measured runs. Busy share is read
 * from /proc/stat over windows of WINDOW_MS, iowait counted as busy.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';

const WINDOW_MS = 1000;

/** Aggregate CPU jiffies: [busy, total] (iowait counted as busy). */
function cpuJiffies(): [number, number] {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3];
  return [total - idle, total];
}

/** Busy share of all CPUs over the next `ms` milliseconds, 0..1. */
async function busyShare(ms: number): Promise<number> {
  const [b0, t0] = cpuJiffies();
  await new Promise((r) => setTimeout(r, ms));
  const [b1, t1] = cpuJiffies();
  return t1 > t0 ? (b1 - b0) / (t1 - t0) : 0;
}

/**
 * `sync`, then waits until one window's busy share is at most `maxBusy`, for at most
 * `timeoutMs`; resolves to what was seen (never throws: a machine that stays busy is reported by
 * the caller, and its tests judge their own figures).
 */
export async function waitForQuietMachine(maxBusy = 0.1, timeoutMs = 60_000): Promise<{ quiet: boolean; waitedSeconds: number; busy: number }> {
  if (!fs.existsSync('/proc/stat')) return { quiet: false, waitedSeconds: 0, busy: NaN };
  const started = Date.now();
  execFileSync('sync');
  let busy = await busyShare(WINDOW_MS);
  while (busy > maxBusy && Date.now() - started < timeoutMs) busy = await busyShare(WINDOW_MS);
  return { quiet: busy <= maxBusy, waitedSeconds: (Date.now() - started) / 1000, busy };
}
