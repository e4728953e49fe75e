/**
 * Real local runs with `--cpu-profile`: the go and node apps are built, loaded briefly, and
 * profiled by their own runtime's profiler (go: net/http/pprof over the load; node: --cpu-prof,
 * cut to the load window). Each stored result carries a profile with samples that include the
 * app's own handler.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseExperimentConfig } from '../src/config/spec';
import { createProgress } from '../src/local/progress';
import { DEFAULT_LOAD_GENERATOR, driverFromOptions } from '../src/local/choose-driver';
import { loadResultFiles } from '../src/results/store';
import { loadStoredProfiles } from '../src/results/stored-profiles';
import { runRuntimeLocal } from '../experiments/runtime/local-run';
import { CPU_PROFILE_ENV, cpuProfileSetting } from '../experiments/runtime/cpu-profile-setting';

describe('perflab run runtime --target local --cpu-profile', () => {
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
      cpuProfile: true,
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
  });

  it('is off unless asked for, and a bad setting names the variable', () => {
    expect(cpuProfileSetting({})).toBe(false);
    expect(cpuProfileSetting({ [CPU_PROFILE_ENV]: 'true' })).toBe(true);
    expect(() => cpuProfileSetting({ [CPU_PROFILE_ENV]: 'yes please' })).toThrow(`${CPU_PROFILE_ENV} (--cpu-profile) is "yes please": expected true, false, 1 or 0`);
  });
});
