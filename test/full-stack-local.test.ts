/**
 * The full-stack experiment on the local target against REAL servers: the Go app built here,
 * a throwaway PostgreSQL, a throwaway NATS JetStream and (when redis-server is installed) a
 * throwaway Redis, driven by the embedded load driver for a few seconds; the stored RunResult
 * carries the traced per-layer breakdown and every process's resources. Skipped, naming what
 * to install, when Go, PostgreSQL or NATS are missing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fullStackExperiment } from '../experiments/full-stack/experiment';
import { fullStackLayerResources } from '../experiments/full-stack/component-requests';
import { componentLayer } from '../experiments/full-stack/component-cost';
import { LOCAL_REQUESTS_NOTE } from '../src/cost/component-requests';
import { runFullStackLocalWith, missingForLocal } from '../experiments/full-stack/local-run';
import { CONFIG_ENV, localChoicesFromEnv, resolveLocalChoices } from '../experiments/full-stack/local/choices';
import { BUILD_APP } from '../experiments/full-stack/local/app-binary';
import { redisVersion } from '../experiments/full-stack/local/redis-server';
import { liveScratchDirs } from '../experiments/messaging/local/scratch-dir';
import { localTargets } from '../experiments/local-targets';
import { ConfigError } from '../src/config/errors';
import { LoadProfileSchema } from '../src/load/profile';
import { resolveProfile } from '../src/load/resolve';
import { autocannonDriver } from '../src/local/autocannon-driver';
import { runCommand } from '../src/local/commands';
import { LocalRunOptions } from '../src/local/local-target';
import { ProgressReporter } from '../src/local/progress';
import { readRunResult } from '../src/results/store';

const redis = redisVersion() !== undefined;
const missing = missingForLocal(resolveLocalChoices({}, false, redis).choice);
if (missing.length) {
  // eslint-disable-next-line no-console
  console.warn(`full-stack local-run tests skipped: ${missing.join('; ')}`);
}
const realIt = missing.length ? it.skip : it;

const profile = (seconds: number) =>
  resolveProfile(LoadProfileSchema.parse({ name: 'fullstack-test', startTarget: 8, stages: [{ durationSeconds: seconds, target: 8 }], thresholds: { maxErrorRate: 0.01 } }), fullStackExperiment.defaultRequestMix);

function recorder(): ProgressReporter & { lines: string[] } {
  const lines: string[] = [];
  return { lines, step: (m) => lines.push(m), update: () => undefined, done: () => undefined };
}

const options = (resultsDir: string, seconds: number, progress = recorder()): LocalRunOptions => ({ profile: profile(seconds), resultsDir, progress, driver: autocannonDriver() });

describe('full-stack experiment, local target (real PostgreSQL, NATS and Redis)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-fullstack-test-'));
    // A cold build fetches the app's modules and compiles pgx, nats.go and go-redis (~35 s on 2 cores); later builds are cached.
    if (!missing.length) await runCommand(BUILD_APP, 'build full-stack app');
  }, 180_000);

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is registered as a local target', () => {
    expect(localTargets['full-stack']).toBeDefined();
  });

  realIt('runs the composition and records the per-layer breakdown in the RunResult', async () => {
    const progress = recorder();
    const [outcome] = await runFullStackLocalWith(options(dir, 4, progress), resolveLocalChoices({}, false, redis));
    expect(outcome.reason).toBeUndefined();
    expect(outcome.status).toBe('measured');
    expect(outcome.results).toHaveLength(1);
    const stored = readRunResult(outcome.files[0]);
    expect(stored).toEqual(outcome.results[0]);
    expect(stored).toMatchObject({ experiment: 'full-stack', variant: 'composed', target: 'local', thresholdsPassed: true, errors: { total: 0 } });
    expect(stored.throughput.totalRequests).toBeGreaterThan(100);

    const b = stored.layers!;
    expect(b.source).toBe('otlp-traces');
    // Every request was traced: the breakdown covers (almost) every load request.
    expect(b.traces).toBeGreaterThan(0.9 * (stored.throughput.totalRequests ?? 0));
    expect(b.layers.map((l) => l.layer)).toEqual(['app', ...(redis ? ['cache'] : []), 'database', 'messaging']);
    const sum = b.layers.reduce((a, l) => a + l.meanMs, 0);
    expect(Math.abs(sum - b.totalMeanMs)).toBeLessThan(0.01);
    expect(b.layers.every((l) => l.meanMs > 0)).toBe(true);
    // The client sees the traced time plus its own hop: the traced total fits inside it.
    expect(b.totalMeanMs).toBeLessThan(b.clientMeanMs!);
    expect(stored.resources.map((r) => r.component)).toEqual(['server', 'postgres', 'nats', ...(redis ? ['redis'] : [])]);
    expect(stored.resources.every((r) => r.cpuCoreSeconds > 0 && r.memoryPeakBytes > 0)).toBe(true);
    // Each component carries the requests its layer's manifests set for the composition (right-sizing).
    const byLayer = fullStackLayerResources(resolveLocalChoices({}, false, redis).choice);
    for (const r of stored.resources) expect(r.requested).toEqual(byLayer.get(componentLayer(r.component))!.requested);
    expect(stored.notes).toContain(LOCAL_REQUESTS_NOTE);
    expect(stored.cost?.source).toBe('modelled');
    expect(stored.notes.join('\n')).toMatch(/layer breakdown \(RunResult\.layers, from \d+ traces/);
    expect(liveScratchDirs()).toEqual([]);
  }, 60_000);

  realIt('measures the local baseline series and notes the differential cross-check', async () => {
    const [outcome] = await runFullStackLocalWith(options(dir, 2), resolveLocalChoices({ cache: 'none' }, true, redis));
    expect(outcome.status).toBe('measured');
    expect(outcome.results.map((r) => r.label)).toEqual(['app+database+messaging+observability/base', 'app+database+messaging+observability/database', 'app+database+messaging+observability/messaging']);
    expect(outcome.results[0].resources.map((r) => r.component)).toEqual(['server']);
    expect(outcome.results[0].layers!.layers.map((l) => l.layer)).toEqual(['app']);
    const note = outcome.results[2].notes.find((n) => n.startsWith('differential cross-check'))!;
    expect(note).toMatch(/\+database: \+[\d.]+ ms .*traced database [\d.]+ ms.*; \+messaging: [-+][\d.]+ ms/);
  }, 60_000);
});

describe('local choices', () => {
  it('default to the app with PostgreSQL and NATS, traced, with Redis when it is installed', () => {
    expect(resolveLocalChoices({}, false, true).choice).toEqual({ gateway: 'none', mesh: 'none', database: 'postgres', messaging: 'nats', cache: 'redis', observability: 'otel' });
    expect(resolveLocalChoices({}, false, false).choice.cache).toBe('none');
  });

  it('refuse the cluster layers and bad values, naming the key', () => {
    expect(() => resolveLocalChoices({ gateway: 'traefik' }, false, true)).toThrow(ConfigError);
    expect(() => resolveLocalChoices({ gateway: 'traefik' }, false, true)).toThrow(/gateway "traefik" is a cluster layer/);
    expect(() => resolveLocalChoices({ messaging: 'kafka' }, false, true)).toThrow(/PERFLAB_FULLSTACK_CONFIG:messaging: "kafka" is not one of none, nats, rabbitmq/);
    expect(() => resolveLocalChoices({ preset: 'indexed-queries', database: 'none' }, false, true)).toThrow(/needs perflab:database to be on/);
    expect(() => localChoicesFromEnv({ [CONFIG_ENV]: '{nope' }, true)).toThrow(/not valid JSON/);
  });
});
