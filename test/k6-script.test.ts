/**
 * Tests of the generated k6 script (src/load/k6-script.ts). k6 cannot run here, so each script
 * is parsed with a real JavaScript parser (acorn) and its `options`, `MIX` and exports are read
 * from the syntax tree — by a small literal evaluator, never by running the script.
 */
import * as acorn from 'acorn';
import { runtimeExperiment } from '../experiments/runtime/experiment';
import { builtinProfile } from '../src/load/builtin';
import { expandStages } from '../src/load/expand';
import { K6_TREND_STATS, SUMMARY_BEGIN_MARKER, SUMMARY_END_MARKER, compileK6Script, k6Duration, rateUnitSeconds } from '../src/load/k6-script';
import { LoadProfileInput, LoadProfileSchema, ResolvedLoadProfile } from '../src/load/profile';
import { resolveProfile } from '../src/load/resolve';

type AnyNode = acorn.Node & Record<string, any>;

/** Value of a literal expression node: objects, arrays, strings, numbers, booleans, null, -n. */
function literal(node: AnyNode): any {
  switch (node.type) {
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties as AnyNode[]) {
        if (p.type !== 'Property' || p.computed || p.kind !== 'init') throw new Error(`not a literal property at ${p.start}`);
        const key = p.key.type === 'Identifier' ? p.key.name : String(p.key.value);
        out[key] = literal(p.value);
      }
      return out;
    }
    case 'ArrayExpression':
      return (node.elements as AnyNode[]).map((e) => literal(e));
    case 'Literal':
      return node.value;
    case 'UnaryExpression':
      if (node.operator === '-' && node.argument.type === 'Literal') return -node.argument.value;
      throw new Error(`not a literal: unary ${node.operator}`);
    default:
      throw new Error(`not a literal: ${node.type} at ${node.start}`);
  }
}

/** Every node of a tree, depth first. */
function* nodes(node: unknown): Generator<AnyNode> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) yield* nodes(n);
    return;
  }
  const n = node as AnyNode;
  if (typeof n.type === 'string') yield n;
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v && typeof v === 'object') yield* nodes(v);
}

/** A compiled script's syntax tree and the pieces the tests read from it. */
function parseScript(src: string) {
  const ast = acorn.parse(src, { ecmaVersion: 2022, sourceType: 'module' }) as unknown as AnyNode;
  const body = ast.body as AnyNode[];
  const declaratorOf = (name: string): AnyNode | undefined => {
    for (const stmt of body) {
      const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
      if (decl?.type !== 'VariableDeclaration') continue;
      const d = (decl.declarations as AnyNode[]).find((x) => x.id.type === 'Identifier' && x.id.name === name);
      if (d) return d;
    }
    return undefined;
  };
  const exportedConst = (name: string): AnyNode | undefined => {
    for (const stmt of body) {
      if (stmt.type !== 'ExportNamedDeclaration' || stmt.declaration?.type !== 'VariableDeclaration') continue;
      const d = (stmt.declaration.declarations as AnyNode[]).find((x) => x.id.name === name);
      if (d) return d;
    }
    return undefined;
  };
  const optionsNode = exportedConst('options');
  if (!optionsNode || optionsNode.init.type !== 'ObjectExpression') throw new Error('no `export const options = {...}`');
  const mixNode = declaratorOf('MIX');
  if (!mixNode) throw new Error('no MIX constant');
  return { ast, body, options: literal(optionsNode.init), mix: literal(mixNode.init), constant: (n: string) => literal(declaratorOf(n)!.init) };
}

const resolved = (input: LoadProfileInput): ResolvedLoadProfile => resolveProfile(LoadProfileSchema.parse(input), runtimeExperiment.defaultRequestMix);
const seconds = (d: string): number => (d.endsWith('ms') ? Number(d.slice(0, -2)) / 1000 : Number(d.slice(0, -1)));
const OPTS = { baseUrl: 'http://runtime-api.perflab-runtime-go.svc:8080', tags: { experiment: 'runtime', variant: 'go' } };

describe('compileK6Script: closed model (baseline ×0.1)', () => {
  const profile = resolveProfile(builtinProfile('baseline')!, runtimeExperiment.defaultRequestMix, { time: 0.1 });
  const src = compileK6Script(profile, OPTS);
  const { body, options, mix, constant } = parseScript(src);

  it('declares one ramping-vus scenario whose stages are the profile’s', () => {
    expect(Object.keys(options.scenarios)).toEqual(['baseline']);
    expect(options.scenarios.baseline).toEqual({
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '3s', target: 50 },
        { duration: '30s', target: 50 },
        { duration: '3s', target: 0 },
      ],
      gracefulRampDown: '1s',
      gracefulStop: '1s',
    });
  });

  it('turns the profile thresholds into k6 thresholds, plus one per endpoint', () => {
    expect(options.thresholds).toEqual({
      http_req_duration: ['p(95)<500', 'p(99)<1000'],
      http_req_failed: ['rate<=0.01'],
      'http_req_duration{endpoint:health}': ['max>=0'],
      'http_req_duration{endpoint:json}': ['max>=0'],
      'http_req_duration{endpoint:echo}': ['max>=0'],
      'http_req_duration{endpoint:compute}': ['max>=0'],
      'http_req_failed{endpoint:health}': ['rate>=0'],
      'http_req_failed{endpoint:json}': ['rate>=0'],
      'http_req_failed{endpoint:echo}': ['rate>=0'],
      'http_req_failed{endpoint:compute}': ['rate>=0'],
    });
  });

  it('asks for the trend stats the summary reader needs, p(99.9) included', () => {
    expect(options.summaryTrendStats).toEqual(K6_TREND_STATS);
    expect(options.summaryTrendStats).toContain('p(99.9)');
    expect(options.tags).toEqual({ profile: 'baseline', experiment: 'runtime', variant: 'go' });
    expect(options.discardResponseBodies).toBe(true);
  });

  it('holds the request mix in MIX, bodies as JSON text', () => {
    expect(mix).toEqual(
      runtimeExperiment.defaultRequestMix.map((e) => ({
        name: e.name,
        method: e.method,
        path: e.path,
        body: e.body === undefined ? null : JSON.stringify(e.body),
        weight: e.weight,
        expectStatus: e.expectStatus,
      })),
    );
    expect(constant('THINK_MIN_MS')).toBe(0);
    expect(constant('THINK_MAX_MS')).toBe(0);
  });

  it('imports k6 modules and reads BASE_URL from the environment first', () => {
    const imports = body.filter((s) => s.type === 'ImportDeclaration').map((s) => s.source.value);
    expect(imports).toEqual(['k6/http', 'k6']);
    const baseUrl = body.flatMap((s) => (s.type === 'VariableDeclaration' ? s.declarations : [])).find((d: AnyNode) => d.id.name === 'BASE_URL');
    expect(baseUrl.init.type).toBe('LogicalExpression');
    expect(baseUrl.init.operator).toBe('||');
    expect(baseUrl.init.left.type).toBe('MemberExpression');
    expect(baseUrl.init.left.object.name).toBe('__ENV');
    expect(literal(baseUrl.init.right)).toBe(OPTS.baseUrl);
  });

  it('exports a default function and handleSummary(data) that prints the summary between the markers', () => {
    const def = body.find((s) => s.type === 'ExportDefaultDeclaration');
    expect(def?.declaration.type).toBe('FunctionDeclaration');
    const hs = body.find((s) => s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'FunctionDeclaration' && s.declaration.id.name === 'handleSummary');
    expect(hs).toBeDefined();
    expect(hs!.declaration.params.map((p: AnyNode) => p.name)).toEqual(['data']);
    const strings = [...nodes(hs)].filter((n) => n.type === 'Literal' && typeof n.value === 'string').map((n) => n.value as string);
    expect(strings).toContain(`\n${SUMMARY_BEGIN_MARKER}\n`);
    expect(strings).toContain(`\n${SUMMARY_END_MARKER}\n`);
    const ret = [...nodes(hs)].find((n) => n.type === 'ReturnStatement');
    const keys = ret!.argument.properties.map((p: AnyNode) => (p.key.type === 'Identifier' ? p.key.name : p.key.value));
    expect(keys).toEqual(['stdout', '/results/summary.json']);
  });
});

describe('compileK6Script: open model', () => {
  const profile = resolved({
    name: 'open-load',
    model: 'open',
    startTarget: 20,
    maxVUs: 50,
    stages: [
      { durationSeconds: 30, target: 200 },
      { durationSeconds: 90, target: 200 },
    ],
    thresholds: { p95Ms: 250, minRps: 150 },
    gracefulStopSeconds: 5,
  });
  const { options } = parseScript(compileK6Script(profile, { ...OPTS, summaryPath: '/out/s.json' }));

  it('declares a ramping-arrival-rate scenario per second, with pre-allocated and max VUs', () => {
    expect(options.scenarios['open-load']).toEqual({
      executor: 'ramping-arrival-rate',
      startRate: 20,
      timeUnit: '1s',
      preAllocatedVUs: 50,
      maxVUs: 50,
      stages: [
        { duration: '30s', target: 200 },
        { duration: '90s', target: 200 },
      ],
      gracefulStop: '5s',
    });
  });

  // Every VU pre-allocated: k6 starts more only in the background once arrivals are already
  // being dropped (grafana/k6 v1.3.0 lib/executor/ramping_arrival_rate.go).
  it('pre-allocates every VU of the default sizing (peak rate × worst expected latency)', () => {
    const sized = resolved({ name: 'open-sized', model: 'open', stages: [{ durationSeconds: 60, target: 300 }], thresholds: { p99Ms: 800 }, pattern: { kind: 'periodic', periodSeconds: 30, amplitude: 0.5 } });
    const scenario = parseScript(compileK6Script(sized, OPTS)).options.scenarios['open-sized'];
    expect(scenario.maxVUs).toBe(396); // 1.1 × 300/s × 1.5 (periodic peak) × 0.8 s
    expect(scenario.preAllocatedVUs).toBe(scenario.maxVUs);
  });

  it('sets only the thresholds the profile has', () => {
    expect(options.thresholds.http_req_duration).toEqual(['p(95)<250']);
    expect(options.thresholds.http_reqs).toEqual(['rate>=150']);
    expect(options.thresholds.http_req_failed).toBeUndefined();
  });

  // ramping-arrival-rate drops an iteration when no VU is free (grafana/k6 v1.3.0
  // lib/executor/ramping_arrival_rate.go): an open-model run that drops any fails by default,
  // and the threshold puts dropped_iterations in the summary even at 0
  // (internal/metrics/engine/engine.go marks threshold metrics observed).
  it('fails on any dropped iteration by default, or on more than the profile allows', () => {
    expect(options.thresholds.dropped_iterations).toEqual(['count<=0']);
    const lenient = resolved({ name: 'open-lenient', model: 'open', stages: [{ durationSeconds: 10, target: 50 }], thresholds: { maxDroppedIterations: 25 } });
    expect(parseScript(compileK6Script(lenient, OPTS)).options.thresholds.dropped_iterations).toEqual(['count<=25']);
  });
});

describe('compileK6Script: periodic patterns', () => {
  it('closed: the stages are the expanded ramps, whole VUs, durations in k6 units', () => {
    const profile = resolved({ name: 'wave', startTarget: 40, stages: [{ durationSeconds: 60, target: 40 }], pattern: { kind: 'periodic', periodSeconds: 20, amplitude: 0.5 } });
    const { options } = parseScript(compileK6Script(profile, OPTS));
    const expanded = expandStages(profile);
    const scenario = options.scenarios.wave;
    expect(scenario.executor).toBe('ramping-vus');
    expect(scenario.startVUs).toBe(expanded.startTarget);
    expect(scenario.stages).toEqual(expanded.stages.map((s) => ({ duration: k6Duration(s.durationSeconds), target: s.target })));
    expect(scenario.stages.map((s: { duration: string }) => seconds(s.duration))).toEqual(expanded.stages.map((s) => s.durationSeconds));
    expect(scenario.stages.map((s: { duration: string }) => s.duration)).toContain('1250ms');
    expect(Math.max(...scenario.stages.map((s: { target: number }) => s.target))).toBe(60);
    for (const s of scenario.stages) expect(Number.isInteger(s.target)).toBe(true);
  });

  it('open: fractional rates become whole numbers per a longer timeUnit (k6 reads them as integers)', () => {
    const profile = resolved({ name: 'wave-open', model: 'open', stages: [{ durationSeconds: 60, target: 10 }], pattern: { kind: 'periodic', periodSeconds: 20, amplitude: 0.5 } });
    const { options } = parseScript(compileK6Script(profile, OPTS));
    const expanded = expandStages(profile);
    const scenario = options.scenarios['wave-open'];
    const unit = seconds(scenario.timeUnit);
    expect(unit).toBe(rateUnitSeconds(expanded.stages.map((s) => s.target)));
    expect(unit).toBeGreaterThan(1);
    for (const s of scenario.stages) expect(Number.isInteger(s.target)).toBe(true);
    scenario.stages.forEach((s: { target: number }, i: number) => expect(s.target / unit).toBeCloseTo(expanded.stages[i].target, 9));
  });

  it('rateUnitSeconds picks the smallest unit that makes every rate whole', () => {
    expect(rateUnitSeconds([0, 5, 200])).toBe(1);
    expect(rateUnitSeconds([0.5, 2])).toBe(10);
    expect(rateUnitSeconds([0.25, 1])).toBe(100);
    expect(rateUnitSeconds([0.125])).toBe(1000);
    expect(rateUnitSeconds([1 / 3])).toBe(1000);
  });
});

describe('compileK6Script: think time and a POST body', () => {
  const body = { user: 'perflab', items: [1, 2, 3], note: 'quotes " and \\ survive' };
  const profile = resolved({
    name: 'thinker',
    stages: [{ durationSeconds: 20, target: 5 }],
    thinkTime: { minMs: 100, maxMs: 300 },
    requestMix: [
      { name: 'list', path: '/items', weight: 3 },
      { name: 'create', method: 'POST', path: '/items', body, weight: 1, expectStatus: 201 },
    ],
  });
  const { mix, constant, options } = parseScript(compileK6Script(profile, OPTS));

  it('carries the think time, and no request timeout unless the profile sets one', () => {
    expect(constant('THINK_MIN_MS')).toBe(100);
    expect(constant('THINK_MAX_MS')).toBe(300);
    expect(constant('REQUEST_TIMEOUT')).toBeNull();
  });

  // k6's `timeout` request param takes a duration; its default is 60 s (grafana/k6 v1.3.0 js/modules/k6/http/request.go).
  it('sets the request timeout of the chaos profile on every request', () => {
    const chaos = resolved(builtinProfile('chaos')!);
    const script = compileK6Script(chaos, OPTS);
    expect(parseScript(script).constant('REQUEST_TIMEOUT')).toBe('3s');
    expect(script).toContain('if (REQUEST_TIMEOUT !== null) params.timeout = REQUEST_TIMEOUT;');
    expect(parseScript(script).options.scenarios.chaos.executor).toBe('ramping-arrival-rate');
  });

  it('carries the mix with the POST body as JSON text and the expected statuses', () => {
    expect(mix).toEqual([
      { name: 'list', method: 'GET', path: '/items', body: null, weight: 3, expectStatus: 200 },
      { name: 'create', method: 'POST', path: '/items', body: JSON.stringify(body), weight: 1, expectStatus: 201 },
    ]);
    expect(JSON.parse(mix[1].body)).toEqual(body);
    expect(Object.keys(options.thresholds).filter((k) => k.includes('{endpoint:'))).toEqual([
      'http_req_duration{endpoint:list}',
      'http_req_failed{endpoint:list}',
      'http_req_duration{endpoint:create}',
      'http_req_failed{endpoint:create}',
    ]);
  });
});

describe('k6Duration', () => {
  it('writes whole seconds as s and the rest as ms', () => {
    expect(k6Duration(30)).toBe('30s');
    expect(k6Duration(1.25)).toBe('1250ms');
    expect(k6Duration(0.5)).toBe('500ms');
  });
});
