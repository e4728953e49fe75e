/**
 * CostTooling under pulumi.runtime.setMocks: which Helm releases it registers, with which pinned charts
 * and values, for OpenCost on k3s/EKS/AKS and for Kubecost; the config schema's messages; the dashboard
 * ConfigMap.
 */
import * as pulumi from '@pulumi/pulumi';
import { ConfigError } from '../src/config/errors';
import { COST_TOOLING_TYPE, CostTooling } from '../experiments/cost-tooling/component';
import { KUBECOST_CHART, OPENCOST_CHART, PROMETHEUS_CHART } from '../experiments/cost-tooling/charts';
import { CostToolingConfig, parseCostToolingConfig } from '../experiments/cost-tooling/config';
import { allocationAggregates, prometheusLabel } from '../experiments/cost-tooling/labels';

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
}
const registered: Registered[] = [];

beforeAll(() => {
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => {
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    'perflab',
    'cost-test',
    false,
  );
});

const settled = (r: pulumi.Resource): Promise<string> => new Promise((resolve) => r.urn.apply((u) => resolve(u)));

/** Builds the component under `name` and returns what it registered. */
async function build(name: string, config: CostToolingConfig, target: 'k3s' | 'eks' | 'aks', operators: 'helm' | 'preinstalled' = 'helm'): Promise<{ c: CostTooling; mine: Registered[] }> {
  const before = registered.length;
  const c = new CostTooling(name, { config, target, operators });
  const parts: Array<pulumi.Resource | undefined> = [c, c.namespace, c.costRelease, c.prometheusRelease, c.dashboard];
  await Promise.all(parts.filter((r): r is pulumi.Resource => r !== undefined).map(settled));
  return { c, mine: registered.slice(before) };
}

const releases = (rs: Registered[]): Registered[] => rs.filter((r) => r.type === 'kubernetes:helm.sh/v3:Release');
const byRelease = (rs: Registered[], name: string): Registered => {
  const found = releases(rs).filter((r) => r.inputs.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('cost tooling config', () => {
  it('defaults to OpenCost with its own Prometheus and OpenCost’s default prices', () => {
    expect(parseCostToolingConfig({ experiment: 'runtime', variant: 'go' })).toEqual({
      tool: 'opencost',
      namespace: 'opencost',
      prometheusUrl: undefined,
      installPrometheus: true,
      pricing: 'opencost-default',
      clusterId: undefined,
      awsRoleArn: undefined,
      azureServiceKeySecret: undefined,
      dashboard: true,
      dashboardNamespace: 'opencost',
    });
  });

  it('reads Pulumi’s string booleans and an external Prometheus', () => {
    const c = parseCostToolingConfig({ costTool: 'kubecost', costPrometheusUrl: 'http://prometheus-server.monitoring.svc:80', costDashboard: 'false' });
    expect(c).toMatchObject({ tool: 'kubecost', namespace: 'kubecost', installPrometheus: false, dashboard: false });
  });

  it('names the key, the value and what is allowed', () => {
    expect(() => parseCostToolingConfig({ costTool: 'cloudability' })).toThrow(ConfigError);
    expect(() => parseCostToolingConfig({ costTool: 'cloudability' })).toThrow('perflab:costTool: "cloudability" is not one of opencost, kubecost, none');
    expect(() => parseCostToolingConfig({ costAwsRoleArn: 'opencost-role' })).toThrow(/perflab:costAwsRoleArn: "opencost-role" is not valid \(an IAM role ARN/);
    expect(() => parseCostToolingConfig({ costNamespace: 'Cost_Tools' })).toThrow(/perflab:costNamespace: "Cost_Tools"/);
  });
});

describe('CostTooling on k3s with OpenCost', () => {
  let built: { c: CostTooling; mine: Registered[] };
  beforeAll(async () => {
    built = await build('cost-k3s', parseCostToolingConfig({}), 'k3s');
  });

  it('registers the component, its namespace, Prometheus, OpenCost and the dashboard', () => {
    const types = built.mine.map((r) => r.type);
    expect(types).toContain(COST_TOOLING_TYPE);
    expect(types.filter((t) => t === 'kubernetes:helm.sh/v3:Release')).toHaveLength(2);
    const ns = built.mine.find((r) => r.type === 'kubernetes:core/v1:Namespace')!;
    expect(ns.inputs.metadata.name).toBe('opencost');
    const cm = built.mine.find((r) => r.type === 'kubernetes:core/v1:ConfigMap')!;
    expect(cm.inputs.metadata.labels.grafana_dashboard).toBe('1');
    expect(JSON.parse(cm.inputs.data['perflab-cost.json']).uid).toBe('perflab-cost');
  });

  it('installs the pinned OpenCost chart with custom pricing from the pricing data, hourly', () => {
    const oc = byRelease(built.mine, 'opencost');
    expect(oc.inputs).toMatchObject({ chart: OPENCOST_CHART.chart, version: OPENCOST_CHART.version, namespace: 'opencost', repositoryOpts: { repo: 'https://opencost.github.io/opencost-helm-chart' } });
    const v = oc.inputs.values.opencost;
    expect(v.customPricing).toMatchObject({ enabled: true, provider: 'custom', createConfigmap: true });
    expect(v.customPricing.costModel).toMatchObject({
      CPU: '0.031611',
      spotCPU: '0.006655',
      RAM: '0.004237',
      spotRAM: '0.000892',
      GPU: '0.95',
      storage: '0.00005479452',
      internetNetworkEgress: '0.12',
    });
    expect(v.exporter.defaultClusterId).toBe('perflab-k3s');
    // OpenCost reads the Prometheus release installed beside it
    expect(v.prometheus).toEqual({ internal: { enabled: true, serviceName: 'prometheus-server', namespaceName: 'opencost', port: 80 }, external: { enabled: false } });
  });

  it('installs the pinned Prometheus chart scraping OpenCost and keeping the allocation labels', () => {
    const p = byRelease(built.mine, 'prometheus');
    expect(p.inputs).toMatchObject({ chart: PROMETHEUS_CHART.chart, version: PROMETHEUS_CHART.version, repositoryOpts: { repo: PROMETHEUS_CHART.repo } });
    expect(p.inputs.values.extraScrapeConfigs).toContain("targets: ['opencost.opencost.svc:9003']");
    expect(p.inputs.values['kube-state-metrics'].metricLabelsAllowlist[0]).toBe(
      'pods=[perflab.dev/experiment,perflab.dev/variant,perflab.dev/run,perflab.dev/team,perflab.dev/project]',
    );
    expect(p.inputs.values.alertmanager.enabled).toBe(false);
  });

  it('tells the results reader where the allocation API is and what prices it uses', () => {
    expect(built.c.costApi).toEqual({
      tool: 'opencost',
      namespace: 'opencost',
      service: 'opencost',
      port: 9003,
      allocationPath: '/allocation/compute',
      pricing: 'opencost custom pricing: opencost-default',
      pricingDate: '2026-11-25',
    });
  });
});

describe('CostTooling on clouds', () => {
  it('EKS: cloud list prices, an external Prometheus, IRSA on the service account', async () => {
    const { c, mine } = await build(
      'cost-eks',
      parseCostToolingConfig({ costPrometheusUrl: 'http://prometheus-server.monitoring.svc:80', costAwsRoleArn: 'arn:aws:iam::123456789012:role/opencost', costDashboard: false }),
      'eks',
    );
    expect(releases(mine)).toHaveLength(1);
    const v = byRelease(mine, 'opencost').inputs.values;
    expect(v.opencost.customPricing).toEqual({ enabled: false });
    expect(v.opencost.prometheus).toEqual({ internal: { enabled: false }, external: { enabled: true, url: 'http://prometheus-server.monitoring.svc:80' } });
    expect(v.serviceAccount).toEqual({ annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/opencost' } });
    expect(mine.some((r) => r.type === 'kubernetes:core/v1:ConfigMap')).toBe(false);
    expect(c.costApi!.pricing).toBe('opencost AWS list prices');
  });

  it('AKS: the rate-card service key Secret is mounted at /var/secrets', async () => {
    const { mine } = await build('cost-aks', parseCostToolingConfig({ costAzureServiceKeySecret: 'azure-service-key' }), 'aks');
    const v = byRelease(mine, 'opencost').inputs.values;
    expect(v.extraVolumes).toEqual([{ name: 'azure-service-key', secret: { secretName: 'azure-service-key' } }]);
    expect(v.opencost.exporter.extraVolumeMounts).toEqual([{ name: 'azure-service-key', mountPath: '/var/secrets', readOnly: true }]);
    expect(v.opencost.customPricing.enabled).toBe(false);
  });
});

describe('CostTooling with Kubecost (free tier)', () => {
  it('installs the pinned cost-analyzer chart with monthly custom prices and label mapping', async () => {
    const { c, mine } = await build('cost-kubecost', parseCostToolingConfig({ costTool: 'kubecost' }), 'k3s');
    expect(releases(mine)).toHaveLength(1);
    const k = byRelease(mine, 'kubecost');
    expect(k.inputs).toMatchObject({ chart: KUBECOST_CHART.chart, version: KUBECOST_CHART.version, namespace: 'kubecost', repositoryOpts: { repo: KUBECOST_CHART.repo } });
    const v = k.inputs.values;
    expect(v.global).toEqual({ prometheus: { enabled: true }, grafana: { enabled: false, proxy: false } });
    // Kubecost's defaultModelPricing is monthly: $0.031611/h × 730 = $23.07603; $0.004237 × 730 = $3.09301;
    // storage $0.00005479452/GiB-h × 730 = $0.0399999996/GiB-month
    expect(v.kubecostProductConfigs.defaultModelPricing).toMatchObject({ enabled: true, CPU: '23.07603', RAM: '3.09301', storage: '0.0399999996' });
    expect(v.kubecostProductConfigs.labelMappingConfigs).toEqual({
      enabled: true,
      team_label: 'perflab.dev/team',
      product_label: 'perflab.dev/project',
      environment_label: 'perflab.dev/variant',
    });
    expect(c.costApi).toMatchObject({ tool: 'kubecost', service: 'kubecost-cost-analyzer', port: 9090, allocationPath: '/model/allocation' });
  });
});

describe('CostTooling without a tool', () => {
  it('installs nothing with costTool none, so runs get a modelled cost', async () => {
    const { c, mine } = await build('cost-none', parseCostToolingConfig({ costTool: 'none' }), 'k3s');
    expect(mine.map((r) => r.type)).toEqual([COST_TOOLING_TYPE]);
    expect(c.costApi).toBeUndefined();
  });

  it('refuses a cost tool on the local target', () => {
    expect(() => new CostTooling('cost-local', { config: parseCostToolingConfig({}), target: 'local' })).toThrow(
      'perflab:costTool: opencost needs a cluster, and perflab:target is local; local runs get a modelled cost (withModelledCost) — set perflab:costTool to none',
    );
  });

  it('rejects an unknown pricing name before installing anything', () => {
    expect(() => new CostTooling('cost-badprice', { config: parseCostToolingConfig({ costPricing: 'aws-list' }), target: 'k3s' })).toThrow(
      /unknown pricing "aws-list"; allowed: opencost-default, opencost-base-fallback/,
    );
  });
});

describe('CostTooling with perflab-cluster:operators preinstalled', () => {
  it.each(['opencost', 'kubecost'] as const)('%s: no namespace and no release (the platform\'s stay untouched), the same API to read, the dashboard still shipped', async (tool) => {
    const config = parseCostToolingConfig({ costTool: tool });
    const helm = await build(`cost-helm-${tool}`, config, 'k3s');
    const { c, mine } = await build(`cost-pre-${tool}`, config, 'k3s', 'preinstalled');
    expect(mine.map((r) => r.type).sort()).toEqual(['kubernetes:core/v1:ConfigMap', COST_TOOLING_TYPE]);
    expect(c.namespace).toBeUndefined();
    expect(c.costRelease).toBeUndefined();
    expect(c.costApi).toEqual(helm.c.costApi);
    expect(c.costApi?.service).toBe(tool === 'opencost' ? 'opencost' : 'kubecost-cost-analyzer');
  });
});

describe('allocation labels', () => {
  it('lists the aggregations perflab reads, and their Prometheus spelling', () => {
    expect(allocationAggregates()).toEqual([
      'namespace',
      'label:perflab.dev/experiment',
      'label:perflab.dev/variant',
      'label:perflab.dev/run',
      'label:perflab.dev/team',
      'label:perflab.dev/project',
    ]);
    expect(prometheusLabel('perflab.dev/run')).toBe('label_perflab_dev_run');
  });
});
