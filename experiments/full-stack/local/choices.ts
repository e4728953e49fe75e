/**
 * What a local full-stack run measures, from the environment until `perflab run` has flags
 * for it: PERFLAB_FULLSTACK_CONFIG holds the experiment's own keys as JSON (validated with
 * the same schema as a stack file, e.g. `{"messaging":"rabbitmq","preset":"indexed-queries"}`)
 * and PERFLAB_FULLSTACK_SERIES=1 also measures the local baseline series for the differential
 * cross-check. Locally the gateway and the mesh are off (they are cluster layers), tracing is
 * on (it is how the layer breakdown is measured), and the cache is Redis when redis-server is
 * installed and the config does not say otherwise.
 */
import { z } from 'zod';
import { ConfigError, describeIssue } from '../../../src/config/errors';
import { FullStackSettings, fullStackConfigShape } from '../experiment';
import { LayerChoice } from '../layers';
import { checkPreset } from '../presets';
import { layerChoice } from '../settings';

/** Environment variable holding the experiment's keys as JSON. */
export const CONFIG_ENV = 'PERFLAB_FULLSTACK_CONFIG';
/** Environment variable that turns the local baseline series on (`1` or `true`). */
export const SERIES_ENV = 'PERFLAB_FULLSTACK_SERIES';

/** A local run's resolved choices. */
export interface FullStackLocalChoices {
  readonly settings: FullStackSettings;
  readonly choice: LayerChoice;
  /** Also measure the baseline series (app → + database → + messaging → + cache). */
  readonly series: boolean;
}

/** Resolves the local choices from `raw` keys (as in a stack file, without `perflab:`); throws a ConfigError naming each bad key. */
export function resolveLocalChoices(raw: Readonly<Record<string, unknown>>, series: boolean, redisInstalled: boolean): FullStackLocalChoices {
  const parsed = z.object(fullStackConfigShape).strict().safeParse(raw);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => describeIssue(i, raw, `${CONFIG_ENV}:`)));
  const problems: string[] = [];
  for (const key of ['gateway', 'mesh'] as const) {
    if (parsed.data[key] !== 'none') problems.push(`${CONFIG_ENV}: ${key} ${JSON.stringify(parsed.data[key])} is a cluster layer; the local target runs without it (pulumi up --stack fullstack-${key === 'gateway' ? 'gateway' : 'gateway-mesh'})`);
  }
  if (problems.length) throw new ConfigError(problems);
  const settings: FullStackSettings = {
    ...parsed.data,
    cache: raw.cache === undefined ? (redisInstalled ? 'redis' : 'none') : parsed.data.cache,
    observability: raw.observability === undefined ? 'otel' : parsed.data.observability,
  };
  const choice = layerChoice(settings);
  checkPreset(settings.preset, choice);
  return { settings, choice, series };
}

/** The local choices from the environment. */
export function localChoicesFromEnv(env: Readonly<Record<string, string | undefined>>, redisInstalled: boolean): FullStackLocalChoices {
  const text = env[CONFIG_ENV];
  let raw: Record<string, unknown> = {};
  if (text) {
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError([`${CONFIG_ENV}: not valid JSON (${(err as Error).message}); e.g. {"messaging":"rabbitmq","cache":"none"}`]);
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError([`${CONFIG_ENV}: must be a JSON object of the experiment's keys`]);
  }
  return resolveLocalChoices(raw, /^(1|true)$/i.test(env[SERIES_ENV] ?? ''), redisInstalled);
}

/** The baseline series of a local composition: app only, then each backing layer added in request order. */
export function localSeries(choice: LayerChoice): Array<{ name: string; choice: LayerChoice }> {
  const base: LayerChoice = { ...choice, database: 'none', messaging: 'none', cache: 'none' };
  const steps = [{ name: 'base', choice: base }];
  let cur = base;
  for (const key of ['database', 'messaging', 'cache'] as const) {
    if (choice[key] === 'none') continue;
    cur = { ...cur, [key]: choice[key] };
    steps.push({ name: key, choice: cur });
  }
  return steps;
}
