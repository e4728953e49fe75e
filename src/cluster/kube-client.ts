/**
 * ClusterClient on @kubernetes/client-node 1.x: Jobs (batch/v1), TestRuns (k6.io/v1alpha1),
 * pods and their logs, Services (v1), PodMetrics (metrics.k8s.io/v1beta1) and Nodes. The kubeconfig is
 * the default one — $KUBECONFIG, else ~/.kube/config, else the in-cluster service account —
 * the same the Pulumi Kubernetes provider uses unless told otherwise. The API objects are
 * mapped to the seam's plain data in kube-mappers.ts.
 *
 * @kubernetes/client-node 1.x is an ES module; Node ≥ 20.19 loads it through `require`, which
 * is how Pulumi's dynamic-provider process gets here (jest cannot, so tests use the mappers).
 */
import * as k8s from '@kubernetes/client-node';
import { unlessNotFound } from './not-found';
import { K6_TESTRUN_API_VERSION } from '../versions';
import { OpenCostHttp, OpenCostService, kubeProxyHttp } from '../cost/opencost-transport';
import { ClusterClient, NodeInfo, PodInfo, PodLog, PodLogOptions, PodMetricsSample, RunnerStatus, Selector, selectorString } from './cluster-client';
import { PodMetricsList, containerOf, jobStatusOf, logFetchErrorOf, nodeInfoOf, podContainerMetricsOf, podInfoOf, testRunStatusOf } from './kube-mappers';

const [TESTRUN_GROUP, TESTRUN_VERSION] = K6_TESTRUN_API_VERSION.split('/');

/** ClusterClient backed by the API server of a kubeconfig. */
export class KubeClusterClient implements ClusterClient {
  private readonly core: k8s.CoreV1Api;
  private readonly batch: k8s.BatchV1Api;
  private readonly custom: k8s.CustomObjectsApi;
  private readonly kc: k8s.KubeConfig;

  /** Uses `kubeConfig`, or the default kubeconfig when none is given. */
  constructor(kubeConfig?: k8s.KubeConfig) {
    const kc = kubeConfig ?? new k8s.KubeConfig();
    if (!kubeConfig) kc.loadFromDefault();
    this.kc = kc;
    this.core = kc.makeApiClient(k8s.CoreV1Api);
    this.batch = kc.makeApiClient(k8s.BatchV1Api);
    this.custom = kc.makeApiClient(k8s.CustomObjectsApi);
  }

  openCostHttp(service: OpenCostService): OpenCostHttp {
    return kubeProxyHttp(this.kc, service);
  }

  async jobStatus(namespace: string, name: string): Promise<RunnerStatus | undefined> {
    const job = await unlessNotFound(this.batch.readNamespacedJobStatus({ name, namespace }), undefined);
    return job && jobStatusOf(job);
  }

  async testRunStatus(namespace: string, name: string): Promise<RunnerStatus | undefined> {
    const tr = await unlessNotFound(this.custom.getNamespacedCustomObject({ group: TESTRUN_GROUP, version: TESTRUN_VERSION, namespace, plural: 'testruns', name }), undefined);
    return tr && testRunStatusOf(tr as Parameters<typeof testRunStatusOf>[0]);
  }

  async serviceExists(namespace: string, name: string): Promise<boolean> {
    return unlessNotFound(this.core.readNamespacedService({ name, namespace }).then(() => true), false);
  }

  async pods(namespace: string, selector: Selector): Promise<PodInfo[]> {
    const list = await this.core.listNamespacedPod({ namespace, labelSelector: selectorString(selector) });
    return list.items.map((p) => podInfoOf(p)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async podLogs(namespace: string, selector: Selector, options: PodLogOptions = {}): Promise<PodLog[]> {
    const { tailLines } = options;
    const list = await this.core.listNamespacedPod({ namespace, labelSelector: selectorString(selector) });
    const out: PodLog[] = [];
    for (const p of list.items) {
      const info = podInfoOf(p, options.container);
      try {
        const container = containerOf(p, options.container);
        const log = await this.core.readNamespacedPodLog({ name: info.name, namespace, container, tailLines });
        out.push({ ...info, log: typeof log === 'string' ? log : String(log) });
      } catch (err) {
        out.push({ ...info, log: '', logError: logFetchErrorOf(err) });
      }
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async podMetrics(namespace: string, selector: Selector): Promise<PodMetricsSample[] | undefined> {
    const list = await unlessNotFound(
      this.custom.listNamespacedCustomObject({ group: 'metrics.k8s.io', version: 'v1beta1', namespace, plural: 'pods', labelSelector: selectorString(selector) }),
      undefined,
    );
    return list && podContainerMetricsOf(list as PodMetricsList);
  }

  async nodes(): Promise<NodeInfo[]> {
    const list = await this.core.listNode();
    return list.items.map(nodeInfoOf);
  }
}
