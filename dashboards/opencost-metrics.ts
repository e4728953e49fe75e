/**
 * The Prometheus metrics the cost dashboard may query, by exporter. OpenCost's are listed in
 * https://opencost.io/docs/integrations/metrics (and PROMETHEUS.md of opencost/opencost); the cAdvisor and
 * kube-state-metrics ones come from the kubelet and kube-state-metrics that the prometheus chart scrapes.
 */

/** Metrics OpenCost exports on :9003/metrics. */
export const OPENCOST_METRICS = [
  'node_cpu_hourly_cost',
  'node_ram_hourly_cost',
  'node_gpu_hourly_cost',
  'node_total_hourly_cost',
  'node_gpu_count',
  'pv_hourly_cost',
  'kubecost_load_balancer_cost',
  'kubecost_cluster_management_cost',
  'kubecost_node_is_spot',
  'kubecost_network_zone_egress_cost',
  'kubecost_network_region_egress_cost',
  'kubecost_network_internet_egress_cost',
  'container_cpu_allocation',
  'container_gpu_allocation',
  'container_memory_allocation_bytes',
  'pod_pvc_allocation',
] as const;

/** Metrics from the kubelet's cAdvisor and kube-state-metrics (labels of pods). */
export const CLUSTER_METRICS = ['container_cpu_usage_seconds_total', 'container_memory_working_set_bytes', 'kube_pod_labels'] as const;

/** Every metric name a dashboard query may use. */
export const KNOWN_METRICS: ReadonlySet<string> = new Set<string>([...OPENCOST_METRICS, ...CLUSTER_METRICS]);
