/**
 * The cost tooling's own `perflab:*` keys, validated with zod. They sit beside an experiment's keys in any
 * stack (`perflab:costTool: opencost`), so `costToolingConfigShape` is meant to be spread into the shared
 * shape; `parseCostToolingConfig` reads just these keys from raw config.
 */
import { z } from 'zod';
import { parseOrThrow } from '../../src/config/errors';
import { Dns1123Label } from '../../src/config/quantities';

/** Which cost tool a stack installs. `none`: no tool; costs are modelled from the pricing data. */
export const COST_TOOLS = ['opencost', 'kubecost', 'none'] as const;
/** One cost tool. */
export type CostTool = (typeof COST_TOOLS)[number];

/** A boolean from Pulumi config, which arrives as a string (`"true"`/`"false"`). */
const BoolFromConfig = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** The cost tooling's `perflab:*` keys. */
export const costToolingConfigShape = {
  /** `perflab:costTool`. @default opencost */
  costTool: z.enum(COST_TOOLS).default('opencost'),
  /** Namespace the cost tool (and its Prometheus) go to. @default opencost, or kubecost */
  costNamespace: Dns1123Label.optional(),
  /** An existing Prometheus (e.g. http://prometheus-server.monitoring.svc:80); OpenCost then installs none. */
  costPrometheusUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Install prometheus-community/prometheus for OpenCost. @default true when costPrometheusUrl is unset */
  costInstallPrometheus: BoolFromConfig.optional(),
  /** Unit rates written as OpenCost custom pricing on k3s (a name from src/cost/pricing-data.json). @default opencost-default */
  costPricing: z.string().min(1).default('opencost-default'),
  /** Cluster id OpenCost stamps on its data. @default perflab-<target> */
  costClusterId: z.string().min(1).max(63).optional(),
  /** EKS: IAM role for the cost tool's service account (IRSA), needed for spot feeds and cloud costs, not for list prices. */
  costAwsRoleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN such as arn:aws:iam::123456789012:role/opencost').optional(),
  /** AKS: name of a Secret holding `service-key.json` (subscription and service principal) for Azure's rate card. */
  costAzureServiceKeySecret: Dns1123Label.optional(),
  /** Ship the Grafana cost dashboard as a ConfigMap labelled for the Grafana sidecar. @default true */
  costDashboard: BoolFromConfig.default(true),
  /** Namespace of the dashboard ConfigMap (where Grafana's sidecar looks). @default costNamespace */
  costDashboardNamespace: Dns1123Label.optional(),
};

/** The validated cost tooling settings, with defaults resolved. */
export interface CostToolingConfig {
  readonly tool: CostTool;
  readonly namespace: string;
  readonly prometheusUrl?: string;
  readonly installPrometheus: boolean;
  readonly pricing: string;
  readonly clusterId?: string;
  readonly awsRoleArn?: string;
  readonly azureServiceKeySecret?: string;
  readonly dashboard: boolean;
  readonly dashboardNamespace: string;
}

/** Reads the cost tooling keys (without the `perflab:` prefix) from raw config; other keys are ignored. */
export function parseCostToolingConfig(raw: Readonly<Record<string, unknown>>): CostToolingConfig {
  const own: Record<string, unknown> = {};
  for (const k of Object.keys(costToolingConfigShape)) if (raw[k] !== undefined) own[k] = raw[k];
  const c = parseOrThrow(z.object(costToolingConfigShape).strict(), own, 'perflab:');
  const namespace = c.costNamespace ?? (c.costTool === 'kubecost' ? 'kubecost' : 'opencost');
  return {
    tool: c.costTool,
    namespace,
    prometheusUrl: c.costPrometheusUrl,
    installPrometheus: c.costInstallPrometheus ?? c.costPrometheusUrl === undefined,
    pricing: c.costPricing,
    clusterId: c.costClusterId,
    awsRoleArn: c.costAwsRoleArn,
    azureServiceKeySecret: c.costAzureServiceKeySecret,
    dashboard: c.costDashboard,
    dashboardNamespace: c.costDashboardNamespace ?? namespace,
  };
}
