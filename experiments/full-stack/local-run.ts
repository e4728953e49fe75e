/**
 * The full-stack experiment on the local target: the Go app with a real PostgreSQL (the
 * database experiment's throwaway server), a real NATS or RabbitMQ (the messaging
 * experiment's throwaway brokers), Redis when installed, and the OTLP receiver, driven by the
 * run's load driver; the app and every backing process are sampled over the same window. The
 * app's spans give the per-layer breakdown (RunResult.layers); with PERFLAB_FULLSTACK_SERIES=1
 * the local baseline series is measured too and each step's difference is noted (the
 * differential cross-check). Gateway and mesh are cluster layers (pulumi up --stack fullstack-*).
 */
import { LOCAL_REQUESTS_NOTE, withManifestRequests } from '../../src/cost/component-requests';
import { fullStackLayerResources } from './component-requests';
import { componentLayer } from './component-cost';
import { CommandAbortedError, runBuild, toolchainVersion } from '../../src/local/commands';
import { LocalRunOptions, LocalTarget, MissingToolchainError, VariantOutcome } from '../../src/local/local-target';
import { ConformanceError, measureHttpServer } from '../../src/local/measure-http-server';
import { storeLocalResult } from '../../src/local/store-local-result';
import { compareAnswers } from '../../src/local/verify';
import { localEnvironment } from '../../src/results/environment';
import { RunResult, RunResultSchema } from '../../src/results/run-result';
import { SERVER_TOOLS, installHint, missingTools } from '../database/local/tools';
import { localBrokerSpecs } from '../messaging/local/brokers';
import { LayerChoice, compositionName } from './layers';
import { differentialBreakdown } from './differential';
import { fullStackExperiment } from './experiment';
import { describeDifferences, describeBreakdown } from './report';
import { fullStackProbes } from './probes';
import { APP_BINARY, BUILD_APP, GO_TOOLCHAIN, appCommand } from './local/app-binary';
import { FullStackLocalChoices, localChoicesFromEnv, localSeries } from './local/choices';
import { REDIS_TOOL, redisVersion } from './local/redis-server';
import { LocalServices, appEnv, companionsOf, startServices } from './local/services';
import { layerBreakdown } from './trace/layer-breakdown';

const VARIANT = fullStackExperiment.variants[0];

/** What is missing on this machine for `choice`, as install hints. */
export function missingForLocal(choice: LayerChoice): string[] {
  const out: string[] = [];
  if (!toolchainVersion(GO_TOOLCHAIN)) out.push(`go not found — ${GO_TOOLCHAIN.installHint}`);
  const pg = choice.database === 'postgres' ? missingTools(SERVER_TOOLS.postgres) : [];
  if (pg.length) out.push(installHint(pg));
  if (choice.messaging !== 'none' && !localBrokerSpecs[choice.messaging].installedVersion()) {
    out.push(`${choice.messaging} not found — install with: apt-get install ${localBrokerSpecs[choice.messaging].aptPackage}`);
  }
  if (choice.cache === 'redis' && !redisVersion()) out.push(`${REDIS_TOOL.command} not found — install with: apt-get install ${REDIS_TOOL.aptPackage}`);
  return out;
}

/** Measures one composition with the running services; returns its stored-ready RunResult. */
async function measureStep(opts: LocalRunOptions, services: LocalServices, c: FullStackLocalChoices, choice: LayerChoice, label: string): Promise<RunResult> {
  services.receiver?.clear();
  const versions = { [opts.driver.info.name]: opts.driver.info.version, go: toolchainVersion(GO_TOOLCHAIN) ?? 'unknown', ...services.versions };
  const measured = await measureHttpServer({
    experiment: fullStackExperiment.name,
    variant: VARIANT,
    start: appCommand(appEnv(services, choice, { dbRows: c.settings.dbRows, cacheHitRatio: c.settings.cacheHitRatio, indexed: c.settings.preset === 'indexed-queries' })),
    profile: opts.profile,
    probes: fullStackProbes,
    checkAnswers: (got) => compareAnswers(fullStackProbes, new Map([[VARIANT, got]])).map((m) => `${m.probe}: ${m.detail}`),
    environment: localEnvironment('local', versions),
    driver: opts.driver,
    progress: opts.progress,
    label,
    signal: opts.signal,
    companions: companionsOf(services, choice),
  });
  // Presets only change queries and data, not resources: the composition's requests are those of its layers.
  const requests = fullStackLayerResources({ ...c.settings, ...choice, preset: 'none' });
  const r = { ...measured.result, resources: withManifestRequests(measured.result.resources, requests, componentLayer) };
  const notes = [LOCAL_REQUESTS_NOTE, `composition: ${compositionName(choice)}${c.settings.preset === 'none' ? '' : `, preset ${c.settings.preset}`}; gateway and mesh are cluster layers`];
  if (!services.receiver || choice.observability === 'none') return RunResultSchema.parse({ ...r, notes: [...r.notes, ...notes, 'no layer breakdown: observability is off'] });
  // Spans of the conformance probes began before the load did: only the load's requests count.
  const from = Date.parse(r.startedAt) * 1000;
  const layers = layerBreakdown(services.receiver.spans().filter((s) => s.startUs >= from), { clientMeanMs: r.latency.mean });
  const lost = services.receiver.problems;
  if (lost.dropped || lost.rejected) notes.push(`trace receiver: ${lost.dropped} spans dropped, ${lost.rejected} exports rejected`);
  notes.push(`layer breakdown (RunResult.layers, from ${layers.traces} traces, every request traced): ${describeBreakdown(layers)}`);
  return RunResultSchema.parse({ ...r, layers, notes: [...r.notes, ...notes] });
}

/** Runs the full-stack experiment locally with explicit choices (tests call this directly). */
export async function runFullStackLocalWith(opts: LocalRunOptions, c: FullStackLocalChoices): Promise<VariantOutcome[]> {
  if (opts.variants && opts.variants.some((v) => v !== VARIANT)) throw new MissingToolchainError(opts.variants.filter((v) => v !== VARIANT).map((v) => ({ variant: v, hint: `full-stack has one variant, ${VARIANT}` })));
  const missing = missingForLocal(c.choice);
  if (missing.length) {
    if (opts.variants) throw new MissingToolchainError(missing.map((hint) => ({ variant: VARIANT, hint })));
    opts.progress.step(`[${VARIANT}] skipped: ${missing.join('; ')}`);
    return [{ variant: VARIANT, status: 'skipped', reason: missing.join('; '), results: [], files: [] }];
  }
  try {
    await runBuild([BUILD_APP], 'build full-stack app', { tag: `[${VARIANT}]`, what: `the app (go build → ${APP_BINARY})`, progress: opts.progress }, opts.signal);
  } catch (err) {
    if (err instanceof CommandAbortedError) return [{ variant: VARIANT, status: 'failed', reason: 'interrupted while building', results: [], files: [] }];
    return [{ variant: VARIANT, status: 'failed', reason: (err as Error).message, results: [], files: [] }];
  }
  const results: RunResult[] = [];
  const files: string[] = [];
  let services: LocalServices | undefined;
  try {
    services = await startServices(c.choice, (m) => opts.progress.step(`[${VARIANT}] ${m}`));
    const label = opts.label ?? compositionName(c.choice);
    const steps = c.series ? localSeries(c.choice) : [{ name: 'composed', choice: c.choice }];
    const byStep: Array<{ name: string; results: RunResult[] }> = [];
    for (const step of steps) {
      const stepResults: RunResult[] = [];
      for (let i = 0; i < (opts.repeat ?? 1) && !opts.signal?.aborted; i++) {
        const stepLabel = c.series ? `${label}/${step.name}` : label;
        opts.progress.step(`[${VARIANT}] measuring ${compositionName(step.choice)}${(opts.repeat ?? 1) > 1 ? ` (repeat ${i + 1}/${opts.repeat})` : ''}`);
        stepResults.push(await measureStep(opts, services, c, step.choice, stepLabel));
      }
      byStep.push({ name: step.name, results: stepResults });
    }
    if (opts.signal?.aborted) {
      opts.progress.step(`[${VARIANT}] aborted: the partial run is not stored`);
      return [{ variant: VARIANT, status: 'failed', reason: 'aborted', results, files }];
    }
    const diffNote = c.series && byStep.length > 1 ? `differential cross-check (mean latency, each step minus the one below): ${describeDifferences(differentialBreakdown(byStep))}` : undefined;
    for (const step of byStep) {
      for (const r of step.results) {
        const withNote = diffNote ? { ...r, notes: [...r.notes, diffNote] } : r;
        const stored = storeLocalResult(opts.resultsDir, withNote);
        results.push(stored.result);
        files.push(stored.file);
      }
    }
    return [{ variant: VARIANT, status: 'measured', results, files }];
  } catch (err) {
    const reason = err instanceof ConformanceError ? err.message : (err as Error).message;
    opts.progress.step(`[${VARIANT}] failed: ${reason}`);
    return [{ variant: VARIANT, status: 'failed', reason, results, files }];
  } finally {
    await services?.stop();
  }
}

/** Runs the full-stack experiment locally with choices from the environment. */
export function runFullStackLocal(opts: LocalRunOptions): Promise<VariantOutcome[]> {
  return runFullStackLocalWith(opts, localChoicesFromEnv(process.env, redisVersion() !== undefined));
}

/** The full-stack experiment's local target. */
export const fullStackLocalTarget: LocalTarget = { experiment: fullStackExperiment.name, run: runFullStackLocal };
