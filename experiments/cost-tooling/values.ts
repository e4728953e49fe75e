/**
 * The Helm values perflab sets on the OpenCost, Kubecost and Prometheus charts, typed, and the functions
 * that build them from the cost tooling config and the pricing data. Only the keys perflab sets are typed;
 * each is a key of the pinned chart's values.yaml (see charts.ts).
 */
import { NamedUnitRates } from '../../src/cost/pricing-schema';
import { ALLOCATION_LABELS } from './labels';
import { SHARED_COMPONENT_LABEL } from '../../constructs/labels';
import { CostToolingConfig } from './config';

/** Where the cluster runs, which decides how OpenCost prices nodes. */
export type ClusterTarget = 'k3s' | 'eks' | 'aks';

/** A Kubernetes volume mount (the fields perflab sets). */
export interface VolumeMountValue {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly?: boolean;
}

/** A Kubernetes volume from a Secret. */
export interface SecretVolumeValue {
  readonly name: string;
  readonly secret: { readonly secretName: string };
}

/** OpenCost's custom pricing (`opencost.customPricing.costModel`): written to default.json, hourly rates as strings. */
export interface OpenCostCostModel {
  readonly description: string;
  /** $ per vCPU-hour. */
  readonly CPU: string;
  readonly spotCPU: string;
  /** $ per GiB-hour of RAM. */
  readonly RAM: string;
  readonly spotRAM: string;
  /** $ per GPU-hour. */
  readonly GPU: string;
  /** $ per GiB-hour of persistent volume. */
  readonly storage: string;
  /** $ per GB. */
  readonly zoneNetworkEgress: string;
  readonly regionNetworkEgress: string;
  readonly internetNetworkEgress: string;
}

/** The values perflab sets on the opencost chart. */
export interface OpenCostValues {
  readonly opencost: {
    readonly exporter: {
      readonly defaultClusterId: string;
      readonly resources: { readonly requests: { readonly cpu: string; readonly memory: string }; readonly limits: { readonly memory: string } };
      readonly extraVolumeMounts?: readonly VolumeMountValue[];
    };
    readonly prometheus: {
      readonly internal: { readonly enabled: boolean; readonly serviceName?: string; readonly namespaceName?: string; readonly port?: number };
      readonly external: { readonly enabled: boolean; readonly url?: string };
    };
    readonly customPricing: {
      readonly enabled: boolean;
      readonly createConfigmap?: boolean;
      readonly provider?: 'custom';
      readonly costModel?: OpenCostCostModel;
    };
    readonly ui: { readonly enabled: boolean };
  };
  readonly serviceAccount?: { readonly annotations: Readonly<Record<string, string>> };
  readonly extraVolumes?: readonly SecretVolumeValue[];
  readonly podLabels: Readonly<Record<string, string>>;
}

/** Kubecost's default model pricing (`kubecostProductConfigs.defaultModelPricing`): monthly figures, as Kubecost documents them. */
export interface KubecostModelPricing {
  readonly enabled: true;
  /** $ per vCPU-month. */
  readonly CPU: string;
  readonly spotCPU: string;
  /** $ per GiB-month of RAM. */
  readonly RAM: string;
  readonly spotRAM: string;
  readonly GPU: string;
  /** $ per GiB-month of storage. */
  readonly storage: string;
  readonly zoneNetworkEgress: string;
  readonly regionNetworkEgress: string;
  readonly internetNetworkEgress: string;
}

/** The values perflab sets on the cost-analyzer chart. */
export interface KubecostValues {
  readonly global: {
    readonly prometheus: { readonly enabled: boolean; readonly fqdn?: string };
    readonly grafana: { readonly enabled: false; readonly proxy: false };
  };
  readonly kubecostProductConfigs: {
    readonly clusterName: string;
    readonly currencyCode: 'USD';
    readonly customPricesEnabled?: boolean;
    readonly defaultModelPricing?: KubecostModelPricing;
    readonly labelMappingConfigs: {
      readonly enabled: true;
      readonly team_label: string;
      readonly product_label: string;
      readonly environment_label: string;
    };
  };
  readonly serviceAccount?: { readonly annotations: Readonly<Record<string, string>> };
}

/** The values perflab sets on prometheus-community/prometheus. */
export interface PrometheusValues {
  readonly alertmanager: { readonly enabled: false };
  readonly 'prometheus-pushgateway': { readonly enabled: false };
  readonly server: { readonly global: { readonly scrape_interval: string }; readonly retention: string; readonly persistentVolume: { readonly enabled: boolean; readonly size: string } };
  /** Lets kube_pod_labels carry the allocation labels (kube-state-metrics v2 drops labels unless allow-listed). */
  readonly 'kube-state-metrics': { readonly metricLabelsAllowlist: readonly string[] };
  /** The OpenCost scrape job (as the OpenCost docs' extraScrapeConfigs.yaml). */
  readonly extraScrapeConfigs: string;
}

const HOURS_PER_MONTH = 730;
const fmt = (x: number): string => String(Number(x.toPrecision(10)));

/** Release names, which decide the Service names (`opencost`, `prometheus-server`, `kubecost-cost-analyzer`). */
export const RELEASE = { opencost: 'opencost', kubecost: 'kubecost', prometheus: 'prometheus' } as const;

/** OpenCost custom pricing from unit rates (hourly, as OpenCost reads default.json). */
export function openCostCostModel(rates: NamedUnitRates): OpenCostCostModel {
  return {
    description: `perflab pricing ${rates.name} (recorded ${rates.recordedOn}; ${rates.source})`,
    CPU: fmt(rates.cpuCoreHour),
    spotCPU: fmt(rates.spotCpuCoreHour),
    RAM: fmt(rates.ramGiBHour),
    spotRAM: fmt(rates.spotRamGiBHour),
    GPU: fmt(rates.gpuHour),
    storage: fmt(rates.storageGiBHour),
    zoneNetworkEgress: fmt(rates.zoneEgressGB),
    regionNetworkEgress: fmt(rates.regionEgressGB),
    internetNetworkEgress: fmt(rates.internetEgressGB),
  };
}

/** Kubecost's monthly model pricing from unit rates (hourly × 730). */
export function kubecostModelPricing(rates: NamedUnitRates): KubecostModelPricing {
  return {
    enabled: true,
    CPU: fmt(rates.cpuCoreHour * HOURS_PER_MONTH),
    spotCPU: fmt(rates.spotCpuCoreHour * HOURS_PER_MONTH),
    RAM: fmt(rates.ramGiBHour * HOURS_PER_MONTH),
    spotRAM: fmt(rates.spotRamGiBHour * HOURS_PER_MONTH),
    GPU: fmt(rates.gpuHour * HOURS_PER_MONTH),
    storage: fmt(rates.storageGiBHour * HOURS_PER_MONTH),
    zoneNetworkEgress: fmt(rates.zoneEgressGB),
    regionNetworkEgress: fmt(rates.regionEgressGB),
    internetNetworkEgress: fmt(rates.internetEgressGB),
  };
}

function irsa(cfg: CostToolingConfig): { annotations: Record<string, string> } | undefined {
  return cfg.awsRoleArn ? { annotations: { 'eks.amazonaws.com/role-arn': cfg.awsRoleArn } } : undefined;
}

/**
 * Values of the opencost chart: Prometheus (in-cluster release or external URL), custom pricing from
 * `rates` on k3s (no cloud pricing API there), list prices from the cloud on EKS/AKS (optionally with
 * the IRSA role or the Azure rate-card service key mounted at /var/secrets).
 */
export function openCostValues(cfg: CostToolingConfig, target: ClusterTarget, rates: NamedUnitRates): OpenCostValues {
  const internal = cfg.prometheusUrl === undefined;
  const azureKey = target === 'aks' && cfg.azureServiceKeySecret ? cfg.azureServiceKeySecret : undefined;
  return {
    opencost: {
      exporter: {
        defaultClusterId: cfg.clusterId ?? `perflab-${target}`,
        resources: { requests: { cpu: '10m', memory: '55Mi' }, limits: { memory: '1Gi' } },
        ...(azureKey ? { extraVolumeMounts: [{ name: 'azure-service-key', mountPath: '/var/secrets', readOnly: true }] } : {}),
      },
      prometheus: internal
        ? { internal: { enabled: true, serviceName: `${RELEASE.prometheus}-server`, namespaceName: cfg.namespace, port: 80 }, external: { enabled: false } }
        : { internal: { enabled: false }, external: { enabled: true, url: cfg.prometheusUrl } },
      customPricing:
        target === 'k3s' ? { enabled: true, createConfigmap: true, provider: 'custom', costModel: openCostCostModel(rates) } : { enabled: false },
      ui: { enabled: true },
    },
    ...(target === 'eks' && irsa(cfg) ? { serviceAccount: irsa(cfg) } : {}),
    ...(azureKey ? { extraVolumes: [{ name: 'azure-service-key', secret: { secretName: azureKey } }] } : {}),
    podLabels: { 'app.kubernetes.io/part-of': 'perflab', [SHARED_COMPONENT_LABEL]: 'cost-tooling' },
  };
}

/** Values of the cost-analyzer chart: its bundled Prometheus unless a URL is given, label mapping for team/project/variant, custom prices on k3s. */
export function kubecostValues(cfg: CostToolingConfig, target: ClusterTarget, rates: NamedUnitRates): KubecostValues {
  return {
    global: {
      prometheus: cfg.prometheusUrl ? { enabled: false, fqdn: cfg.prometheusUrl } : { enabled: true },
      grafana: { enabled: false, proxy: false },
    },
    kubecostProductConfigs: {
      clusterName: cfg.clusterId ?? `perflab-${target}`,
      currencyCode: 'USD',
      ...(target === 'k3s' ? { customPricesEnabled: true, defaultModelPricing: kubecostModelPricing(rates) } : {}),
      labelMappingConfigs: {
        enabled: true,
        team_label: ALLOCATION_LABELS.team,
        product_label: ALLOCATION_LABELS.project,
        environment_label: ALLOCATION_LABELS.variant,
      },
    },
    ...(target === 'eks' && irsa(cfg) ? { serviceAccount: irsa(cfg) } : {}),
  };
}

/** Values of the prometheus chart for OpenCost: no alertmanager or pushgateway, 1m scrapes, the OpenCost job, allocation labels kept. */
export function prometheusValues(cfg: CostToolingConfig): PrometheusValues {
  const labels = Object.values(ALLOCATION_LABELS).join(',');
  return {
    alertmanager: { enabled: false },
    'prometheus-pushgateway': { enabled: false },
    server: { global: { scrape_interval: '1m' }, retention: '15d', persistentVolume: { enabled: true, size: '8Gi' } },
    'kube-state-metrics': { metricLabelsAllowlist: [`pods=[${labels}]`, `namespaces=[${labels}]`] },
    extraScrapeConfigs: [
      '- job_name: opencost',
      '  honor_labels: true',
      '  scrape_interval: 1m',
      '  scrape_timeout: 10s',
      '  metrics_path: /metrics',
      '  scheme: http',
      '  static_configs:',
      `    - targets: ['${RELEASE.opencost}.${cfg.namespace}.svc:9003']`,
      '',
    ].join('\n'),
  };
}
