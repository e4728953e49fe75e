/**
 * Harness overhead: requests/s through perflab's local target (measureHttpServer: process
 * management, per-endpoint HDR recording, resource sampling) divided by requests/s of the same
 * load generator (autocannon) driven directly at the same server binary with the same
 * connections, duration and request cycle. Goal ≥ 0.95: the harness must not be the bottleneck.
 * Arms alternate (direct, perflab, direct, perflab, ...) and the medians are compared.
 */
import autocannon from 'autocannon';
import { median } from 'simple-statistics';
import { parseExperimentConfig } from '../src/config/spec';
import { runCommand } from '../src/local/commands';
import { createProgress } from '../src/local/progress';
import { autocannonDriver } from '../src/local/autocannon-driver';
import { measureHttpServer } from '../src/local/measure-http-server';
import { ManagedProcess, freePort } from '../src/local/processes';
import { requestCycle } from '../src/local/request-cycle';
import { localEnvironment } from '../src/results/environment';
import { runtimeVariants } from '../experiments/runtime/variants';

/** Benchmark name for `npm run bench -- harness`. */
export const name = 'harness';

const CONNECTIONS = 8;
const SECONDS = 8;
const ROUNDS = 3;

async function direct(mix: ReturnType<typeof profileAndMix>['mix']): Promise<number> {
  const port = await freePort();
  const server = new ManagedProcess('go-direct', runtimeVariants.go.start, { PORT: String(port), HOST: '127.0.0.1' });
  try {
    await server.waitHealthy(`http://127.0.0.1:${port}/health`);
    const requests = requestCycle(mix).map((i) => {
      const e = mix[i];
      return e.body === undefined
        ? { method: e.method, path: e.path }
        : { method: e.method, path: e.path, body: JSON.stringify(e.body), headers: { 'content-type': 'application/json' } };
    });
    const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: SECONDS, pipelining: 1, requests: requests as autocannon.Request[] });
    return r.requests.total / r.duration;
  } finally {
    await server.stop();
  }
}

function profileAndMix() {
  const spec = parseExperimentConfig({
    experiment: 'runtime',
    variant: 'go',
    load: { name: 'bench', startTarget: CONNECTIONS, stages: [{ durationSeconds: SECONDS, target: CONNECTIONS }] },
  });
  return { profile: spec.profile, mix: spec.profile.requestMix };
}

/** Runs the benchmark and prints the ratio. */
export async function run(): Promise<void> {
  const { profile, mix } = profileAndMix();
  for (const step of runtimeVariants.go.build) await runCommand(step, 'build go');
  const viaPerflab: number[] = [];
  const viaDirect: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    viaDirect.push(await direct(mix));
    const { result } = await measureHttpServer({
      experiment: 'runtime',
      variant: 'go',
      start: runtimeVariants.go.start,
      profile,
      probes: [],
      checkAnswers: () => [],
      environment: localEnvironment('local', {}),
      driver: autocannonDriver(),
      progress: createProgress({ quiet: true }),
    });
    viaPerflab.push(result.throughput.requestsPerSecond ?? 0);
    process.stdout.write(`round ${i + 1}/${ROUNDS}: direct ${viaDirect[i].toFixed(0)} req/s, perflab ${viaPerflab[i].toFixed(0)} req/s\n`);
  }
  const ratio = median(viaPerflab) / median(viaDirect);
  process.stdout.write(
    `harness: perflab run / autocannon direct = ${ratio.toFixed(3)} (median of ${ROUNDS} rounds, go server, ${CONNECTIONS} connections, ${SECONDS} s, runtime mix) — goal ≥ 0.95 ${ratio >= 0.95 ? 'MET' : 'NOT MET'}\n`,
  );
}
