/**
 * The shared `perflab:*` keys and their validation into an ExperimentSpec. The CLI and the
 * Pulumi program both call `parseExperimentConfig`, so a bad value gets the same message in both.
 */
import { z } from 'zod';
import { EXPERIMENT_NAMES, experiments } from '../../experiments';
import { ExperimentDefinition } from '../experiment';
import { BUILTIN_PROFILE_NAMES } from '../load/builtin';
import { LoadProfile, LoadProfileSchema, ResolvedLoadProfile } from '../load/profile';
import { requireBuiltinProfile, resolveProfile } from '../load/resolve';
import { ConfigError, describeIssue, parseOrThrow } from './errors';
import { Dns1123Label } from './quantities';
import { costConfigShape } from '../cluster/cost-settings';

/** The config namespace of every perflab key. */
export const CONFIG_NAMESPACE = 'perflab';
const PREFIX = `${CONFIG_NAMESPACE}:`;

/** Where an experiment runs: this machine's processes, or a cluster. */
export const TARGETS = ['local', 'k3s', 'eks', 'aks'] as const;
/** One target. */
export type Target = (typeof TARGETS)[number];

/** Keys every experiment shares. */
export const sharedConfigShape = {
  experiment: z.enum(EXPERIMENT_NAMES),
  variant: z.string(),
  target: z.enum(TARGETS).default('local'),
  /** A built-in profile name or a full LoadProfile object. @default baseline */
  load: z.union([z.string(), LoadProfileSchema]).default('baseline'),
  /** Multiplier on every duration of the profile. @default 1 */
  timeScale: z.coerce.number().positive().default(1),
  /** Multiplier on every VU / rate target of the profile. @default 1 */
  rateScale: z.coerce.number().positive().default(1),
  /** Kubernetes namespace of the experiment. @default perflab-<experiment>-<variant> */
  namespace: Dns1123Label.optional(),
  /** How cluster runs are priced: costTool, costApi, costSettleSeconds and the tool's settings. */
  ...costConfigShape,
};

/** A validated experiment configuration: what one run (or one stack) will do. */
export interface ExperimentSpec {
  readonly experiment: ExperimentDefinition;
  readonly variant: string;
  readonly target: Target;
  readonly namespace: string;
  readonly profile: ResolvedLoadProfile;
  /** The experiment's own keys, validated, with defaults applied. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** Raw config values by key without the namespace (`variant`, not `perflab:variant`). */
export type RawConfig = Readonly<Record<string, unknown>>;

/** Strips `perflab:` from keys; keys of other namespaces are ignored. Parses JSON-looking strings. */
export function fromNamespacedConfig(all: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(PREFIX)) continue;
    out[k.slice(PREFIX.length)] = typeof v === 'string' && /^\s*[[{]/.test(v) ? tryJson(v) : v;
  }
  return out;
}

function jsonError(s: string): string | undefined {
  try {
    JSON.parse(s);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

/** Validates raw config into an ExperimentSpec, or throws one ConfigError naming every bad key. */
export function parseExperimentConfig(raw: RawConfig): ExperimentSpec {
  const experimentName = parseOrThrow(z.object({ experiment: sharedConfigShape.experiment }), { experiment: raw.experiment }, PREFIX).experiment;
  const experiment = experiments[experimentName];
  const schema = z
    .object({ ...sharedConfigShape, variant: z.enum(experiment.variants), ...experiment.configShape })
    .strict();
  const parsed = schema.safeParse(raw);
  const retired = typeof raw.variant === 'string' ? experiment.retiredVariants?.[raw.variant] : undefined;
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues
        .filter((i) => !(retired && i.path[0] === 'variant'))
        .map((i) => describeIssue(i, raw, PREFIX));
  if (retired) problems.unshift(`${PREFIX}variant: ${JSON.stringify(raw.variant)} ${retired}; allowed: ${experiment.variants.join(', ')}`);
  // The schema takes any string for `load`; check the name here so its problem joins the others.
  const load = parsed.success ? parsed.data.load : raw.load;
  let builtin: LoadProfile | undefined;
  if (typeof load === 'string') {
    try {
      builtin = requireBuiltinProfile(load, `${PREFIX}load`);
    } catch (err) {
      const badJson = /^\s*[[{]/.test(load) ? jsonError(load) : undefined;
      problems.push(badJson ? `${PREFIX}load: not valid JSON (${badJson}); give a profile object or one of ${BUILTIN_PROFILE_NAMES.join(', ')}` : (err as Error).message);
    }
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const data = parsed.data as Record<string, unknown> & z.output<z.ZodObject<typeof sharedConfigShape>>;
  const profile = builtin ?? (data.load as LoadProfile);
  const settings: Record<string, unknown> = {};
  for (const k of Object.keys(experiment.configShape)) settings[k] = data[k];
  return {
    experiment,
    variant: data.variant,
    target: data.target,
    namespace: data.namespace ?? `perflab-${experiment.name}-${data.variant}`,
    profile: resolveProfile(profile, experiment.defaultRequestMix, { time: data.timeScale, rate: data.rateScale }),
    settings,
  };
}

/** Names a user can give `perflab:load` (for help texts). */
export const LOAD_PROFILE_NAMES = BUILTIN_PROFILE_NAMES;
