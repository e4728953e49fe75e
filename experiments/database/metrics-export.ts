/**
 * Whether a database's metrics exporter is turned on. mariadb-operator 0.38.1 makes its
 * mysqld-exporter only when the Prometheus operator's ServiceMonitor CRD exists: with
 * `metrics.enabled` and no such CRD it records "ServiceMonitor CRD not installed in the cluster"
 * and requeues every 10 s, forever, without an exporter
 * (internal/controller/mariadb_controller_metrics.go, `reconcileMetrics`). So its metrics are on
 * only when the stack says the cluster runs the Prometheus operator (`perflab:prometheusOperator`),
 * and the stack then checks that the CRD is there.
 */
import { RequiredCrd } from '../../src/cluster/prerequisites';
import type { DatabasePath } from './manifests/chart';

/** The CRD mariadb-operator's metrics need. */
export const SERVICE_MONITOR_CRD: RequiredCrd = {
  name: 'servicemonitors.monitoring.coreos.com',
  providedBy: 'the Prometheus operator (e.g. the kube-prometheus-stack chart); or set perflab:prometheusOperator "false"',
};

/**
 * Whether the path's metrics exporter runs: `monitoring`, and for mariadb-operator also
 * `prometheusOperator`. Never for the Oracle MySQL Operator: its `spec.metrics` needs a
 * mysqld-exporter image of the user's choosing, which perflab does not pin.
 */
export function exportsMetrics(s: { readonly monitoring: boolean; readonly prometheusOperator: boolean }, path: DatabasePath): boolean {
  if (path === 'mysql-operator') return false;
  return s.monitoring && (path !== 'mariadb-operator' || s.prometheusOperator);
}
