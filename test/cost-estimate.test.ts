/** `perflab plan`'s estimate: synthesized requests × unit rates, on hand-made manifests. */
import { PricingError } from '../src/cost/errors';
import { estimateHourlyCost, podRequests } from '../src/cost/estimate-hourly';

const container = (name: string, cpu?: string | number, memory?: string, limitsOnly = false) => ({
  name,
  image: `perflab/${name}:1`,
  resources: limitsOnly ? { limits: { cpu, memory } } : { requests: { cpu, memory } },
});

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'runtime-api', namespace: 'perflab-runtime-go' },
  spec: { replicas: 2, template: { spec: { containers: [container('api', '500m', '256Mi')] } } },
};
const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'k6', namespace: 'perflab-runtime-go' },
  spec: { parallelism: 1, template: { spec: { containers: [container('k6', 1, '512Mi')], initContainers: [container('wait', '100m', '1Gi')] } } },
};
const statefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'pg', namespace: 'perflab-db' },
  spec: {
    replicas: 3,
    template: { spec: { containers: [container('postgres', '2', '4Gi', true)] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '10Gi' } } } }],
  },
};
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'runtime-api' }, spec: {} };

describe('estimateHourlyCost', () => {
  it('prices a Deployment and a Job from their requests', () => {
    const e = estimateHourlyCost([deployment, job, service]);
    // Deployment: 2 × 500m = 1 core × $0.031611 = $0.031611; 2 × 256Mi = 0.5 GiB × $0.004237 = $0.0021185
    const api = e.workloads.find((w) => w.name === 'runtime-api')!;
    expect(api).toMatchObject({ kind: 'Deployment', pods: 2, cpuCores: 1, memoryGiB: 0.5, storageGiB: 0 });
    expect(api.perHour).toBeCloseTo(0.031611 + 0.0021185, 12);
    // Job: container 1 core / 512Mi, init container 100m / 1Gi → pod = max: 1 core, 1 GiB
    //      1 × $0.031611 + 1 × $0.004237 = $0.035848
    const k6 = e.workloads.find((w) => w.name === 'k6')!;
    expect(k6).toMatchObject({ kind: 'Job', pods: 1, cpuCores: 1, memoryGiB: 1 });
    expect(k6.perHour).toBeCloseTo(0.035848, 12);
    // total: 0.0337295 + 0.035848 = $0.0695775/h; × 730 = $50.791575/month
    expect(e.perHour).toBeCloseTo(0.0695775, 12);
    expect(e.perMonth).toBeCloseTo(50.791575, 9);
    expect(e.breakdown.cpu).toBeCloseTo(0.063222, 12);
    expect(e.breakdown.memory).toBeCloseTo(0.0063555, 12);
    expect(e.totals).toEqual({ cpuCores: 2, memoryGiB: 1.5, storageGiB: 0 });
    expect(e.pricing).toBe('opencost-default');
    expect(e.assumptions.join('\n')).toMatch(/Jobs and k6 TestRuns are counted as if running for the whole hour/);
    // a Service holds no pods: not listed, not skipped
    expect(e.workloads.map((w) => w.kind)).toEqual(['Deployment', 'Job']);
    expect(e.skipped).toEqual([]);
  });

  it('counts StatefulSet volume claims per replica and takes limits where requests are missing', () => {
    const e = estimateHourlyCost([statefulSet]);
    // 3 × 2 cores = 6 cores × $0.031611 = $0.189666; 3 × 4 GiB = 12 GiB × $0.004237 = $0.050844
    // 3 × 10 GiB = 30 GiB × $0.00005479452 = $0.0016438356
    expect(e.totals).toEqual({ cpuCores: 6, memoryGiB: 12, storageGiB: 30 });
    expect(e.breakdown.storage).toBeCloseTo(0.0016438356, 12);
    expect(e.perHour).toBeCloseTo(0.189666 + 0.050844 + 0.0016438356, 12);
  });

  it('prices a k6 TestRun, a bare PVC and a DaemonSet on the given nodes; skips CronJobs with a reason', () => {
    const testRun = { apiVersion: 'k6.io/v1alpha1', kind: 'TestRun', metadata: { name: 'load' }, spec: { parallelism: 4, runner: { resources: { requests: { cpu: '250m', memory: '128Mi' } } } } };
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'results' }, spec: { resources: { requests: { storage: '5Gi' } } } };
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: { spec: { containers: [container('agent', '50m', '64Mi')] } } } };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: {} };
    const e = estimateHourlyCost([testRun, pvc, ds, cron], 'opencost-default', { daemonSetNodes: 3 });
    // TestRun: 4 × 250m = 1 core, 4 × 128Mi = 0.5 GiB
    expect(e.workloads[0]).toMatchObject({ kind: 'TestRun', pods: 4, cpuCores: 1, memoryGiB: 0.5 });
    // PVC: 5 GiB × $0.00005479452 = $0.0002739726
    expect(e.workloads[1].perHour).toBeCloseTo(0.0002739726, 12);
    // DaemonSet on 3 nodes: 3 × 50m = 0.15 core
    expect(e.workloads[2]).toMatchObject({ kind: 'DaemonSet', pods: 3 });
    expect(e.workloads[2].cpuCores).toBeCloseTo(0.15, 12);
    expect(e.skipped).toEqual([{ kind: 'CronJob', name: 'nightly', reason: 'runs on a schedule; its Jobs cost only while they run' }]);
  });

  it('can price at spot rates', () => {
    // 1 core × $0.006655 + 0.5 GiB × $0.000892 = $0.007101
    expect(estimateHourlyCost([deployment], 'opencost-default', { spot: true }).perHour).toBeCloseTo(0.007101, 12);
  });

  it('names the manifest and field of a bad quantity', () => {
    const bad = { ...deployment, spec: { replicas: 1, template: { spec: { containers: [container('api', 'half', '256Mi')] } } } };
    expect(() => estimateHourlyCost([bad])).toThrow(PricingError);
    expect(() => estimateHourlyCost([bad])).toThrow(
      'Deployment runtime-api spec.containers[0].cpu: "half" is not a CPU quantity; allowed: cores (1, 0.5) or millicores (500m)',
    );
  });

  it('computes pod requests as the scheduler does', () => {
    // sum(containers) = 300m / 384Mi; largest init = 1 / 128Mi → 1 core, 384Mi
    const pod = podRequests({ containers: [container('a', '100m', '128Mi'), container('b', '200m', '256Mi')], initContainers: [container('i', '1', '128Mi')] });
    expect(pod.cpuCores).toBeCloseTo(1, 12);
    expect(pod.memoryBytes).toBe(384 * 1024 ** 2);
  });
});
