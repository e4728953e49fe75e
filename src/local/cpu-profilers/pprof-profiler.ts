/**
 * Go's net/http/pprof: the go app serves /debug/pprof/profile on a second localhost port when
 * PERFLAB_PPROF_ADDR is set; when the load starts, the profile is requested for the load's
 * planned length (whole seconds, rounded up; the Go profiler counts CPU time, so the idle
 * remainder adds no samples).
 */
import * as http from 'http';
import { CommandSpec } from '../../../experiments/runtime/variant-spec';
import { pprofToFolded } from '../../profile/pprof';
import { freePort } from '../processes';
import { CpuProfiler } from './cpu-profiler';

/** The environment variable the go app reads. */
export const PPROF_ADDR_ENV = 'PERFLAB_PPROF_ADDR';

function fetchBytes(url: string, timeoutMs: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${url} answered ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`))));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** A pprof profiler for the go server. */
export function pprofProfiler(): CpuProfiler {
  const tool = 'go net/http/pprof';
  const abort = new AbortController();
  let addr = '';
  let pending: Promise<Buffer> | undefined;
  let data: Buffer | Error | undefined;
  return {
    tool,
    prepare: async (start: CommandSpec) => {
      addr = `127.0.0.1:${await freePort()}`;
      return { ...start, env: { ...start.env, [PPROF_ADDR_ENV]: addr } };
    },
    begin: (_pid, plannedSeconds) => {
      const seconds = Math.max(1, Math.ceil(plannedSeconds));
      pending = fetchBytes(`http://${addr}/debug/pprof/profile?seconds=${seconds}`, (seconds + 30) * 1000, abort.signal);
      pending.catch(() => undefined); // awaited in end()
    },
    end: async () => {
      if (!pending) return;
      data = await pending.catch((err: Error) => err);
    },
    collect: async () => {
      if (!data) return { status: 'unavailable', tool, reason: 'the profile was not requested (the load did not start)' };
      if (data instanceof Error) return { status: 'unavailable', tool, reason: `fetching the profile failed: ${data.message}` };
      const p = pprofToFolded(data, `pprof from ${addr}`);
      return { status: 'recorded', tool, profile: p.profile, sampleIntervalUs: p.sampleIntervalUs, durationSeconds: p.durationSeconds };
    },
    dispose: () => abort.abort(),
  };
}
