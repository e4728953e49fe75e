/**
 * Real local runs of the runtime experiment: the go, rust, node and bun apps are built, started
 * on 127.0.0.1 and driven with the smoke profile by the default load driver (native, pinned as
 * perflab pins by default), with the default `--cpu-profile separate`: each variant's stored
 * result carries the profile of a separate profiled run and was itself measured without a
 * profiler. Then go and node again with `--cpu-profile inline`: each is profiled by its own
 * runtime's profiler (go: net/http/pprof over the load; node: --cpu-prof, cut to the load window),
 * and each stored result carries a profile with samples that include the app's own handler. One
 * file, so the two describes never build the apps at the same time.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseExperimentConfig } from '../src/config/spec';
import { createProgress } from '../src/local/progress';
import { autocannonDriver } from '../src/local/autocannon-driver';
import { DEFAULT_LOAD_GENERATOR, driverFromOptions } from '../src/local/choose-driver';
import { availableCpus, defaultPlacement, describePlacement, tasksetAvailable } from '../src/local/cpu-affinity';
import { loadResultFiles, loadResults } from '../src/results/store';
import { loadStoredProfiles } from '../src/results/stored-profiles';
import { CPU_PROFILE_ENV, cpuProfileMode, cpuProfileSetting } from '../experiments/runtime/cpu-profile-setting';
import { decodeHistogram } from '../src/results/histogram';
import { runRuntimeLocal } from '../experiments/runtime/local-run';
import { MissingToolchainError } from '../src/local/local-target';
import { RuntimeVariantName } from '../experiments/runtime/variant-spec';
import { runtimeComponentResources } from '../experiments/runtime/component-requests';
import { LOCAL_REQUESTS_NOTE } from '../src/cost/component-requests';

const VARIANTS: RuntimeVariantName[] = ['go', 'rust', 'node', 'bun'];

describe('perflab run runtime --target local (smoke)', () => {
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-local-'));
  let outcomes: Awaited<ReturnType<typeof runRuntimeLocal>>;

  beforeAll(async () => {
    const spec = parseExperimentConfig({ experiment: 'runtime', variant: 'go', target: 'local', load: 'smoke', timeScale: 0.5 });
    outcomes = await runRuntimeLocal({
      variants: VARIANTS,
      profile: spec.profile,
      resultsDir,
      progress: createProgress({ quiet: true }),
      driver: driverFromOptions(DEFAULT_LOAD_GENERATOR),
    });
  }, 300_000);

  afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

  it.each(VARIANTS)('%s is measured with sane, stored results', (variant) => {
    const outcome = outcomes.find((o) => o.variant === variant)!;
    expect(outcome.reason).toBeUndefined();
    expect(outcome.status).toBe('measured');
    const [r] = outcome.results;
    expect(r.throughput.totalRequests).toBeGreaterThan(0);
    expect(r.throughput.requestsPerSecond).toBeGreaterThan(0);
    expect(r.latency.p50).toBeLessThanOrEqual(r.latency.p95);
    expect(r.latency.p95).toBeLessThanOrEqual(r.latency.p99);
    expect(r.latency.p99).toBeLessThanOrEqual(r.latency.max);
    expect(r.errors.total).toBe(0);
    expect(r.thresholdsPassed).toBe(true);
    expect(r.coldStartMs).toBeGreaterThan(0);
    // No image is built locally: the size is the built artefact's, labelled as such.
    expect(r.imageSize?.source).toBe('built-artefact');
    expect(r.imageSize?.bytes).toBeGreaterThan(1000);
    // Every endpoint of the mix was exercised, and the per-endpoint counts add up.
    expect(r.endpoints.map((e) => e.name).sort()).toEqual(['compute', 'echo', 'health', 'json']);
    expect(r.endpoints.every((e) => e.requests > 0)).toBe(true);
    expect(r.endpoints.reduce((s, e) => s + e.requests, 0)).toBe(r.throughput.totalRequests);
    // The server's own process was sampled.
    expect(r.resources[0].component).toBe('server');
    expect(r.resources[0].samples).toBeGreaterThan(1);
    expect(r.resources[0].memoryPeakBytes).toBeGreaterThan(1024 * 1024);
    expect(r.resources[0].cpuCoreSeconds).toBeGreaterThan(0);
    // The native driver reported its own CPU, and the placement is on record.
    expect(r.loadGenerator.name).toBe('httpload');
    expect(r.loadGeneratorUsage?.cpuSeconds).toBeGreaterThan(0);
    const pinned = tasksetAvailable() && availableCpus().length >= 2;
    expect(r.environment.placement).toBe(pinned ? describePlacement(defaultPlacement()) : undefined);
    // p95 of the samples, and the requests the runtime chart sets for the variant (for right-sizing).
    expect(r.resources[0].cpuCoresP95).toBeGreaterThan(0);
    expect(r.resources[0].memoryP95Bytes).toBeGreaterThan(1024 * 1024);
    expect(r.resources[0].memoryP95Bytes).toBeLessThanOrEqual(r.resources[0].memoryPeakBytes);
    const manifests = runtimeComponentResources(variant).get('server')!;
    expect(r.resources[0].requested).toEqual(manifests.requested);
    expect(r.resources[0].limits).toEqual(manifests.limits);
    expect(r.notes).toContain(LOCAL_REQUESTS_NOTE);
    // The histogram kept in the result reproduces its percentiles.
    const h = decodeHistogram(r.latency.histogram!.data);
    expect(h.totalCount).toBe(r.latency.count);
    expect(h.getValueAtPercentile(95) / 1000).toBeCloseTo(r.latency.p95, 1);
    // Local runs are priced from their measured CPU and memory (no cost tool on this machine).
    expect(r.cost?.source).toBe('modelled');
    expect(r.cost!.totalCost).toBeGreaterThan(0);
    expect(r.cost!.costPerMillion).toBeCloseTo((r.cost!.totalCost / r.throughput.totalRequests!) * 1e6, 6);
    expect(fs.existsSync(outcome.files[0])).toBe(true);
  });

  it('stores results that load back', () => {
    const loaded = loadResults([resultsDir]);
    expect(loaded.map((r) => r.variant).sort()).toEqual([...VARIANTS].sort());
  });

  it('refuses an explicitly requested variant whose toolchain is missing, naming what to install', async () => {
    const spec = parseExperimentConfig({ experiment: 'runtime', variant: 'go', load: 'smoke' });
    const { runtimeVariants } = await import('../experiments/runtime/variants');
    const saved = runtimeVariants.dotnet.toolchain;
    (runtimeVariants.dotnet as { toolchain: unknown }).toolchain = { ...saved, command: 'perflab-no-such-dotnet' };
    try {
      await expect(
        runRuntimeLocal({ variants: ['dotnet'], profile: spec.profile, resultsDir, progress: createProgress({ quiet: true }), driver: autocannonDriver() }),
      ).rejects.toThrow(MissingToolchainError);
      await expect(
        runRuntimeLocal({ variants: ['dotnet'], profile: spec.profile, resultsDir, progress: createProgress({ quiet: true }), driver: autocannonDriver() }),
      ).rejects.toThrow(/variant dotnet needs its toolchain: Install the \.NET 8 SDK/);
    } finally {
      (runtimeVariants.dotnet as { toolchain: unknown }).toolchain = saved;
    }
  });
});

describe('perflab run runtime --target local --cpu-profile inline', () => {
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-profile-local-'));
  let outcomes: Awaited<ReturnType<typeof runRuntimeLocal>>;

  beforeAll(async () => {
    const spec = parseExperimentConfig({ experiment: 'runtime', variant: 'go', target: 'local', load: 'smoke', timeScale: 0.5 });
    outcomes = await runRuntimeLocal({
      variants: ['go', 'node'],
      profile: spec.profile,
      resultsDir,
      progress: createProgress({ quiet: true }),
      driver: driverFromOptions(DEFAULT_LOAD_GENERATOR),
      cpuProfile: 'inline',
    });
  }, 300_000);

  afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

  it.each([
    ['go', 'go net/http/pprof', /^main\.(compute|countPrimes|echo|writeJSON)$/],
    ['node', 'node --cpu-prof', /^(countPrimes|\(anonymous\)) \(server\.js:\d+\)$/],
  ])('%s: the stored result carries a profile of the load with the app handler in it', (variant, tool, handler) => {
    const outcome = outcomes.find((o) => o.variant === variant)!;
    expect(outcome.status).toBe('measured');
    const entries = loadResultFiles([outcome.files[0]]);
    const ref = entries[0].result.cpuProfile;
    expect(ref).toMatchObject({ status: 'recorded', tool });
    if (ref?.status !== 'recorded') return;
    expect(ref.samples).toBeGreaterThan(20);
    // The samples span about the load (smoke at half time: 2 s), not the server's whole life.
    expect(ref.durationSeconds).toBeGreaterThan(1);
    expect(ref.durationSeconds).toBeLessThan(entries[0].result.durationSeconds + 1.5);
    const profile = loadStoredProfiles(entries).get(entries[0].result.id)!;
    expect(profile.stacks.reduce((s, x) => s + x.samples, 0)).toBe(ref.samples);
    expect(profile.stacks.some((s) => s.frames.some((f) => handler.test(f)))).toBe(true);
    expect(ref.run).toBe('this-run');
    expect(entries[0].result.notes.some((n) => n.includes("include the profiler's overhead"))).toBe(true);
  });

  it('is a separate profiling run unless told otherwise, and a bad setting names the variable', () => {
    expect(cpuProfileSetting({})).toBe('separate');
    expect(cpuProfileSetting({ [CPU_PROFILE_ENV]: 'Inline' })).toBe('inline');
    expect(cpuProfileSetting({ [CPU_PROFILE_ENV]: 'off' })).toBe('off');
    expect(() => cpuProfileSetting({ [CPU_PROFILE_ENV]: 'true' })).toThrow(`${CPU_PROFILE_ENV} (--cpu-profile) is "true": expected separate, inline, off`);
    // The programmatic option is checked the same way, before anything starts.
    expect(() => cpuProfileMode(true, 'cpuProfile')).toThrow('cpuProfile is true: expected separate, inline, off');
  });
});
