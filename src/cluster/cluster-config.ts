/**
 * Cluster-side knobs that are not part of an experiment's spec: how k6 runs (Job or k6-operator
 * TestRun, parallelism), where it is placed, and a repeat counter that starts a fresh run with
 * otherwise identical config. They live in their own config namespace, `perflab-cluster:*`, so
 * the experiment schema (`perflab:*`, strict) stays the same for the local and cluster targets.
 */
import { z } from 'zod';
import { K6_MODES } from '../../constructs/k6-run';
import { PLACEMENTS } from '../../constructs/placement';
import { ConfigError, describeIssue, formatKey } from '../config/errors';

/**
 * Where operators, mesh control planes and cost tools come from: `helm` — the stack installs them
 * as Helm releases; `preinstalled` — a platform team installed them, the stack installs no Helm
 * release and first checks that the CustomResourceDefinitions (and cost Service) it needs exist.
 */
export const OPERATOR_SOURCES = ['helm', 'preinstalled'] as const;
/** One value of `perflab-cluster:operators`. */
export type OperatorSource = (typeof OPERATOR_SOURCES)[number];

/**
 * Who provides the Gateway API CRDs Linkerd needs: `preinstalled` — they are on the cluster
 * already (k3s's bundled Traefik installs them; so do GKE and other platforms), the linkerd-crds
 * chart installs none; `linkerd` — the linkerd-crds chart installs them (its default,
 * `installGatewayAPI: true`), which fails where they exist under another owner.
 */
export const GATEWAY_API_CRD_SOURCES = ['preinstalled', 'linkerd'] as const;
/** One value of `perflab-cluster:gatewayApiCrds`. */
export type GatewayApiCrdSource = (typeof GATEWAY_API_CRD_SOURCES)[number];

/** The Gateway API CRD source of a target when `perflab-cluster:gatewayApiCrds` is not set: `preinstalled` on k3s, `linkerd` elsewhere. */
export function gatewayApiCrdSource(options: Pick<ClusterOptions, 'gatewayApiCrds'>, target: string): GatewayApiCrdSource {
  return options.gatewayApiCrds ?? (target === 'k3s' ? 'preinstalled' : 'linkerd');
}

/** Config namespace of the cluster-side knobs. */
export const CLUSTER_CONFIG_NAMESPACE = 'perflab-cluster';
const PREFIX = `${CLUSTER_CONFIG_NAMESPACE}:`;

const parseJsonObject = (v: unknown): unknown => {
  if (typeof v !== 'string' || !/^\s*\{/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

/** Schema of `perflab-cluster:*`. */
export const ClusterConfigSchema = z
  .object({
    /** `job` (one k6 pod) or `testrun` (k6-operator, distributed). @default job */
    k6Mode: z.enum(K6_MODES).default('job'),
    /** k6 runners of a TestRun (1 in job mode). @default 1 */
    parallelism: z.coerce.number().int().min(1).max(100).default(1),
    /** Where k6 runs relative to the system under test. @default preferred-anti-affinity */
    placement: z.enum(PLACEMENTS).default('preferred-anti-affinity'),
    /** Node labels for placement `node-selector`, as an object or JSON text. */
    nodeSelector: z.preprocess(parseJsonObject, z.record(z.string(), z.string())).optional(),
    /** Operators / mesh control planes / cost tools: installed by the stack (Helm) or already on the cluster. @default helm */
    operators: z.enum(OPERATOR_SOURCES).default('helm'),
    /**
     * Who provides the Gateway API CRDs Linkerd needs (GATEWAY_API_CRD_SOURCES); set `linkerd` on
     * a k3s started with `--disable traefik`. @default preinstalled on target k3s, linkerd elsewhere
     */
    gatewayApiCrds: z.enum(GATEWAY_API_CRD_SOURCES).optional(),
    /** Bump to run again with the same config (changes the run id). @default 0 */
    repeat: z.coerce.number().int().min(0).default(0),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.k6Mode === 'job' && c.parallelism !== 1) {
      ctx.addIssue({ code: 'custom', path: ['parallelism'], message: `: ${c.parallelism} needs k6Mode "testrun" (k6-operator); with k6Mode "job" it must be 1` });
    }
    if (c.placement === 'node-selector' && !c.nodeSelector) {
      ctx.addIssue({ code: 'custom', path: ['nodeSelector'], message: ' is required with placement "node-selector", e.g. {"perflab.dev/role":"load"}' });
    }
    if (c.placement !== 'node-selector' && c.nodeSelector) {
      ctx.addIssue({ code: 'custom', path: ['nodeSelector'], message: ` is only used with placement "node-selector" (placement is "${c.placement}"); set perflab-cluster:placement to node-selector or remove it` });
    }
  });

/** The validated cluster-side knobs. */
export type ClusterOptions = z.output<typeof ClusterConfigSchema>;

/** Default knobs (no `perflab-cluster:*` keys set). */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = ClusterConfigSchema.parse({});

/**
 * Reads `perflab-cluster:*` from a full config map (keys of other namespaces are ignored);
 * throws a ConfigError naming each bad key, value and what is allowed.
 */
export function parseClusterConfig(all: Readonly<Record<string, unknown>>): ClusterOptions {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (k.startsWith(PREFIX)) raw[k.slice(PREFIX.length)] = v;
  const parsed = ClusterConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => describe(i, raw)));
  return parsed.data;
}

/** describeIssue, except that this schema's own checks carry their whole wording after the key. */
function describe(issue: z.core.$ZodIssue, raw: Record<string, unknown>): string {
  const key = formatKey(PREFIX, issue.path);
  if (issue.code === 'custom') return `${key}${issue.message}`;
  if (issue.path[0] === 'nodeSelector' && issue.code === 'invalid_type') {
    return `${key}: ${JSON.stringify(raw.nodeSelector)} is not a map of node labels; give a JSON object such as {"perflab.dev/role":"load"}`;
  }
  return describeIssue(issue, raw, PREFIX);
}
