/** Tests of the shared config edge: parseExperimentConfig and fromNamespacedConfig (src/config/spec.ts). */
import { EXPERIMENT_NAMES } from '../experiments';
import { ConfigError } from '../src/config/errors';
import { fromNamespacedConfig, parseExperimentConfig } from '../src/config/spec';
import { BASELINE_VUS } from '../src/load/builtin';

const base = { experiment: 'runtime', variant: 'go' };

/** The problems of the ConfigError `fn` throws (fails the test when it throws something else). */
function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

describe('parseExperimentConfig: good input', () => {
  it('applies the defaults: target local, load baseline, namespace, the experiment settings', () => {
    const spec = parseExperimentConfig(base);
    expect(spec.experiment.name).toBe('runtime');
    expect(spec.variant).toBe('go');
    expect(spec.target).toBe('local');
    expect(spec.namespace).toBe('perflab-runtime-go');
    expect(spec.settings).toEqual({ image: undefined, replicas: 1, cpu: '500m', memory: '256Mi' });
    expect(spec.profile.name).toBe('baseline');
    expect(spec.profile.stages).toEqual([
      { durationSeconds: 30, target: BASELINE_VUS },
      { durationSeconds: 300, target: BASELINE_VUS },
      { durationSeconds: 30, target: 0 },
    ]);
    // No mix in the profile: the experiment's default mix is used.
    expect(spec.profile.requestMix.map((e) => e.name)).toEqual(['health', 'json', 'echo', 'compute']);
  });

  it('takes explicit values', () => {
    const spec = parseExperimentConfig({ ...base, variant: 'rust', target: 'k3s', namespace: 'bench-1', replicas: 3, cpu: '2', memory: '1Gi', load: 'stress' });
    expect(spec.target).toBe('k3s');
    expect(spec.namespace).toBe('bench-1');
    expect(spec.settings).toMatchObject({ replicas: 3, cpu: '2', memory: '1Gi' });
    expect(spec.profile.name).toBe('stress');
  });

  it.each(['smoke', 'baseline', 'stress', 'spike', 'soak', 'chaos'])('accepts the built-in profile %s', (name) => {
    expect(parseExperimentConfig({ ...base, load: name }).profile.name).toBe(name);
  });

  it('accepts a full profile object, with its own request mix', () => {
    const load = {
      name: 'mine',
      model: 'open',
      stages: [{ durationSeconds: 60, target: 100 }],
      requestMix: [{ name: 'json', path: '/json' }],
      thresholds: { p95Ms: 250 },
    };
    const spec = parseExperimentConfig({ ...base, load });
    expect(spec.profile).toMatchObject({ name: 'mine', model: 'open', startTarget: 0, pattern: { kind: 'steady' }, thresholds: { p95Ms: 250 } });
    expect(spec.profile.requestMix).toEqual([{ name: 'json', method: 'GET', path: '/json', weight: 1, expectStatus: 200 }]);
  });

  it('applies the time and rate scales', () => {
    const spec = parseExperimentConfig({ ...base, timeScale: 0.1, rateScale: 0.5 });
    expect(spec.profile.stages).toEqual([
      { durationSeconds: 3, target: 25 },
      { durationSeconds: 30, target: 25 },
      { durationSeconds: 3, target: 0 },
    ]);
    expect(spec.profile.gracefulStopSeconds).toBe(1);
  });

  it('coerces numbers given as strings (as Pulumi config gives them)', () => {
    const spec = parseExperimentConfig({ ...base, timeScale: '0.1', replicas: '2' });
    expect(spec.profile.stages[1].durationSeconds).toBe(30);
    expect(spec.settings.replicas).toBe(2);
  });
});

describe('fromNamespacedConfig', () => {
  it('strips perflab:, ignores other namespaces and parses JSON-looking strings', () => {
    const raw = fromNamespacedConfig({
      'perflab:experiment': 'runtime',
      'perflab:variant': 'node',
      'perflab:load': '{"name":"burst","model":"open","stages":[{"durationSeconds":120,"target":200}],"pattern":{"kind":"bursty","everySeconds":30,"burstSeconds":5,"multiplier":3}}',
      'perflab:replicas': '2',
      'aws:region': 'eu-west-1',
      'kubernetes:context': 'k3s',
    });
    expect(Object.keys(raw).sort()).toEqual(['experiment', 'load', 'replicas', 'variant']);
    expect(raw.load).toMatchObject({ name: 'burst', pattern: { kind: 'bursty' } });
    const spec = parseExperimentConfig(raw);
    expect(spec.profile).toMatchObject({ name: 'burst', model: 'open', pattern: { kind: 'bursty', multiplier: 3 } });
    expect(spec.namespace).toBe('perflab-runtime-node');
    expect(spec.settings.replicas).toBe(2);
  });

  it('keeps a string that only looks like JSON, so the edge can say what is wrong with it', () => {
    const raw = fromNamespacedConfig({ 'perflab:experiment': 'runtime', 'perflab:variant': 'go', 'perflab:load': '{"name":"mine", stages: []}' });
    expect(raw.load).toBe('{"name":"mine", stages: []}');
    const problems = problemsOf(() => parseExperimentConfig(raw));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^perflab:load: not valid JSON \(.+\); give a profile object or one of smoke, baseline, stress, spike, soak, chaos$/);
  });
});

describe('parseExperimentConfig: bad input, exact messages', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a bad variant', { ...base, variant: 'goo' }, 'perflab:variant: "goo" is not one of go, rust, dotnet, node, bun'],
    ['a bad experiment', { ...base, experiment: 'runtim' }, `perflab:experiment: "runtim" is not one of ${EXPERIMENT_NAMES.join(', ')}`],
    ['a missing experiment', { variant: 'go' }, `perflab:experiment is required (one of ${EXPERIMENT_NAMES.join(', ')})`],
    ['a missing variant', { experiment: 'runtime' }, 'perflab:variant is required (one of go, rust, dotnet, node, bun)'],
    ['a bad target', { ...base, target: 'gke' }, 'perflab:target: "gke" is not one of local, k3s, eks, aks'],
    ['an unknown key', { ...base, replica: 2 }, 'perflab:replica is not a known key'],
    ['a bad load name', { ...base, load: 'smok' }, 'perflab:load: "smok" is not one of smoke, baseline, stress, spike, soak, chaos'],
    ['a bad cpu quantity', { ...base, cpu: '500x' }, 'perflab:cpu: "500x" is not valid (a CPU quantity such as 500m or 1)'],
    ['a bad memory quantity', { ...base, memory: '1GB' }, 'perflab:memory: "1GB" is not valid (a memory quantity such as 256Mi or 1Gi)'],
    ['too many replicas', { ...base, replicas: 101 }, 'perflab:replicas: 101 is too big; it must be ≤ 100'],
    ['a negative time scale', { ...base, timeScale: -1 }, 'perflab:timeScale: -1 is too small; it must be > 0'],
    ['a non-numeric rate scale', { ...base, rateScale: 'fast' }, 'perflab:rateScale: "fast" is not a number'],
    ['a bad namespace', { ...base, namespace: 'Bad_NS' }, 'perflab:namespace: "Bad_NS" is not valid (lowercase letters, digits and -, starting and ending with a letter or digit)'],
    ['a load of the wrong type', { ...base, load: 42 }, 'perflab:load: 42 is not a string or object'],
  ])('%s', (_what, raw, message) => {
    expect(problemsOf(() => parseExperimentConfig(raw))).toEqual([message]);
    expect(() => parseExperimentConfig(raw)).toThrow(message);
  });

  const profile = (over: Record<string, unknown>) => ({ name: 'mine', stages: [{ durationSeconds: 60, target: 10 }], ...over });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a bad stage duration', { stages: [{ durationSeconds: -5, target: 10 }] }, ['perflab:load.stages[0].durationSeconds: -5 is too small; it must be > 0']],
    ['a bad second stage target', { stages: [{ durationSeconds: 5, target: 10 }, { durationSeconds: 5, target: -1 }] }, ['perflab:load.stages[1].target: -1 is too small; it must be ≥ 0']],
    ['a fractional VU target', { stages: [{ durationSeconds: 5, target: 2.5 }] }, ['perflab:load.stages[0].target: 2.5: must be a whole number of VUs (closed model)']],
    ['a bad model', { model: 'half' }, ['perflab:load.model: "half" is not one of closed, open']],
    ['a bad pattern kind', { pattern: { kind: 'wobbly' } }, ['perflab:load.pattern.kind: "wobbly" is not one of steady, periodic, bursty, chaos']],
    [
      'a periodic pattern without its fields',
      { pattern: { kind: 'periodic' } },
      ['perflab:load.pattern.periodSeconds is required (expected number); perflab:load.pattern.amplitude is required (expected number)'],
    ],
    ['an unknown profile key', { rampUp: 10 }, ['perflab:load.rampUp is not a known key']],
    ['a bad endpoint name', { requestMix: [{ name: 'Get JSON', path: '/json' }] }, ['perflab:load.requestMix[0].name: "Get JSON" is not valid (lowercase letters, digits, - and _)']],
    ['a burst longer than its period', { pattern: { kind: 'bursty', everySeconds: 10, burstSeconds: 10, multiplier: 2 } }, ['perflab:load.pattern.burstSeconds: 10: must be < everySeconds']],
    ['chaos factors the wrong way round', { pattern: { kind: 'chaos', stepSeconds: 5, minFactor: 2, maxFactor: 1 } }, ['perflab:load.pattern.maxFactor: 1: must be ≥ minFactor']],
    ['think time the wrong way round', { thinkTime: { minMs: 300, maxMs: 100 } }, ['perflab:load.thinkTime: {"minMs":300,"maxMs":100}: maxMs must be ≥ minMs']],
    // k6 v1.3.0 lib/executor/ramping_arrival_rate.go: an arrival with no free VU is dropped, and a
    // sleeping VU is not free — think time in an open-model script caps the rate at VUs / think.
    [
      'think time in the open model',
      { model: 'open', thinkTime: { minMs: 500, maxMs: 1500 } },
      [
        'perflab:load.thinkTime: {"minMs":500,"maxMs":1500}: is not allowed with model "open": the arrival rate sets the pace, and a sleep would only hold a k6 VU (arrivals without a free VU are dropped); remove thinkTime, or use model "closed" for users who pause',
      ],
    ],
    [
      'no stages',
      { stages: [] },
      ['perflab:load.stages: [] is too small; it must be ≥ 1 items', 'perflab:load.stages: []: at least one stage must have a target > 0'],
    ],
  ])('a profile object with %s', (_what, over, messages) => {
    expect(problemsOf(() => parseExperimentConfig({ ...base, load: profile(over) }))).toEqual(messages);
  });

  it('reports several problems together, the load name included', () => {
    const err = (() => {
      try {
        parseExperimentConfig({ ...base, variant: 'goo', target: 'gke', cpu: 'lots', colour: 'red', load: 'smok' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.name).toBe('ConfigError');
    expect([...err.problems].sort()).toEqual(
      [
        'perflab:variant: "goo" is not one of go, rust, dotnet, node, bun',
        'perflab:target: "gke" is not one of local, k3s, eks, aks',
        'perflab:cpu: "lots" is not valid (a CPU quantity such as 500m or 1)',
        'perflab:colour is not a known key',
        'perflab:load: "smok" is not one of smoke, baseline, stress, spike, soak, chaos',
      ].sort(),
    );
    expect(err.message).toMatch(/^5 configuration problems:\n {2}- /);
    for (const p of err.problems) expect(err.message).toContain(`\n  - ${p}`);
  });

  it('uses the single problem as the message when there is one', () => {
    expect(() => parseExperimentConfig({ ...base, target: 'gke' })).toThrow(new ConfigError(['perflab:target: "gke" is not one of local, k3s, eks, aks']));
  });
});
