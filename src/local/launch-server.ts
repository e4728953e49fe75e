/**
 * Starts an HTTP server of the local target on 127.0.0.1 and a free port, pinned to the
 * placement's server CPUs (taskset) with its worker count sized to them unless its own
 * environment sets it.
 */
import { CommandSpec } from '../../experiments/runtime/variant-spec';
import { CpuPlacement, pinnedCommand, workerCountEnv } from './cpu-affinity';
import { ManagedProcess, freePort } from './processes';

/** A started (not yet healthy) server and where it listens. */
export interface LaunchedServer {
  readonly server: ManagedProcess;
  readonly baseUrl: string;
}

/** Starts `start` as server `name`; the caller waits for health and stops it. */
export async function launchServer(name: string, start: CommandSpec, placement?: CpuPlacement): Promise<LaunchedServer> {
  const port = await freePort();
  const cpus = placement?.server;
  const cmd = cpus ? { ...start, ...pinnedCommand(start.command, start.args, cpus), env: { ...workerCountEnv(cpus.length), ...start.env } } : start;
  return { server: new ManagedProcess(name, cmd, { PORT: String(port), HOST: '127.0.0.1' }), baseUrl: `http://127.0.0.1:${port}` };
}
