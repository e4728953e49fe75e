/**
 * mariadb-operator's metrics only where the ServiceMonitor CRD exists. mariadb-operator 0.38.1
 * (internal/controller/mariadb_controller_metrics.go, `reconcileMetrics`): with
 * `spec.metrics.enabled` and no servicemonitors.monitoring.coreos.com it records "Unable to
 * reconcile metrics: ServiceMonitor CRD not installed in the cluster" and returns
 * `RequeueAfter: 10s` before it builds any exporter — every 10 s, forever. perflab enables the
 * metrics only with `perflab:prometheusOperator: "true"`, and then checks the CRD first.
 */
import * as path from 'path';
import { readStackConfig } from '../src/cluster/stack-file';
import { stackSpec } from '../src/cluster/stack-spec';
import { checkPrerequisites } from '../src/cluster/prerequisites';
import { staticInventory } from '../src/cluster/cluster-inventory';
import { synthesizeDatabase } from '../experiments/database/manifests/chart';
import { databasePrerequisites } from '../experiments/database/required-crds';
import { databaseComplexity } from '../experiments/database/variant-complexity';

const SERVICE_MONITORS = 'servicemonitors.monitoring.coreos.com';
const stack = (overrides: Record<string, string>) => stackSpec('db-mariadb-operator', { ...readStackConfig(path.join(__dirname, '..', 'stacks', 'Pulumi.db-mariadb-operator.yaml')), ...overrides });
const mariadbSpec = (overrides: Record<string, string>) => {
  const s = stack(overrides);
  const m = synthesizeDatabase(s.spec, s.runId, s.options.operators);
  return { m, cr: m.namespaced.find((o) => o.kind === 'MariaDB') as { spec: Record<string, unknown> } };
};

describe('mariadb-operator metrics', () => {
  it('stay off when monitoring is asked for on a cluster without the Prometheus operator (the default)', () => {
    const { m, cr } = mariadbSpec({ 'perflab:monitoring': 'true' });
    expect(cr.spec.metrics).toBeUndefined();
    expect(databaseComplexity(m).sidecars).toBe(0);
  });

  it('are on with perflab:prometheusOperator "true", counted as the exporter they make', () => {
    const { m, cr } = mariadbSpec({ 'perflab:monitoring': 'true', 'perflab:prometheusOperator': 'true' });
    expect(cr.spec.metrics).toEqual({ enabled: true });
    expect(databaseComplexity(m).sidecars).toBe(1);
  });

  it('stay off with monitoring off, whatever the cluster has', () => {
    expect(mariadbSpec({ 'perflab:monitoring': 'false', 'perflab:prometheusOperator': 'true' }).cr.spec.metrics).toBeUndefined();
  });

  it('make the stack check the ServiceMonitor CRD before anything is created, naming it when it is missing', async () => {
    const on = stack({ 'perflab:monitoring': 'true', 'perflab:prometheusOperator': 'true' });
    expect(databasePrerequisites(on).crds.map((c) => c.name)).toEqual([SERVICE_MONITORS]);
    await expect(checkPrerequisites(databasePrerequisites(on), staticInventory([]))).rejects.toThrow(/CustomResourceDefinition servicemonitors\.monitoring\.coreos\.com \(provided by the Prometheus operator/);
    await expect(checkPrerequisites(databasePrerequisites(on), staticInventory([SERVICE_MONITORS]))).resolves.toBeUndefined();
    expect(databasePrerequisites(stack({ 'perflab:monitoring': 'true' })).crds).toEqual([]);
  });
});
