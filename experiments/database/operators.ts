/**
 * The operator installs of the database paths as Helm releases (k8s.helm.v3.Release, charts
 * pinned in versions.ts): CloudNativePG, the mariadb-operator (CRDs chart first), the Oracle
 * MySQL Operator, Crossplane,
 * Azure Service Operator. None when `perflab-cluster:operators` is preinstalled or
 * `perflab:installOperator` is false (the operator already
 * runs) and none for the @pulumi paths.
 */
import * as pulumi from '@pulumi/pulumi';
import * as k8s from '@pulumi/kubernetes';
import { DatabasePath } from './manifests/chart';
import type { ChartRef } from '../../src/cluster/chart-index';
import { ASO_CHART, ASO_CRD_PATTERN, CNPG_CHART, CROSSPLANE_CHART, MARIADB_OPERATOR_CHART, MARIADB_OPERATOR_CRDS_CHART, MYSQL_OPERATOR_CHART, PinnedChart } from './versions';

/** One release to install, in order. */
export interface OperatorRelease {
  /** Helm release name. */
  readonly release: string;
  readonly chart: PinnedChart;
  readonly values: Record<string, unknown>;
}

/** The releases a path installs, in dependency order (each depends on the previous). */
export function operatorReleases(path: DatabasePath): OperatorRelease[] {
  switch (path) {
    case 'cnpg':
      return [{ release: 'cnpg', chart: CNPG_CHART, values: { monitoring: { podMonitorEnabled: false } } }];
    case 'mariadb-operator':
      return [
        { release: 'mariadb-operator-crds', chart: MARIADB_OPERATOR_CRDS_CHART, values: {} },
        { release: 'mariadb-operator', chart: MARIADB_OPERATOR_CHART, values: { crds: { enabled: false } } },
      ];
    case 'mysql-operator':
      // The chart installs its CRDs (crds/) and the operator Deployment.
      return [{ release: 'mysql-operator', chart: MYSQL_OPERATOR_CHART, values: {} }];
    case 'rds-crossplane':
      return [{ release: 'crossplane', chart: CROSSPLANE_CHART, values: {} }];
    case 'azure-aso':
      // ASO reads its Azure credentials from the aso-controller-settings Secret the user creates (README).
      return [{ release: 'aso', chart: ASO_CHART, values: { crdPattern: ASO_CRD_PATTERN, createAzureOperatorSecret: false } }];
    default:
      return [];
  }
}

/** The charts of `path`'s releases, as `perflab preflight` looks them up. */
export function operatorCharts(path: DatabasePath): ChartRef[] {
  return operatorReleases(path).map((r) => ({ repo: r.chart.repo, chart: r.chart.chart, version: r.chart.version, release: r.release, namespace: r.chart.namespace }));
}

/** Creates the releases of `path` under `parent`; returns them in order (empty when nothing is installed). */
export function installOperators(name: string, path: DatabasePath, parent: pulumi.Resource, dependsOn: pulumi.Resource[]): k8s.helm.v3.Release[] {
  const out: k8s.helm.v3.Release[] = [];
  for (const r of operatorReleases(path)) {
    out.push(
      new k8s.helm.v3.Release(
        `${name}-${r.release}`,
        {
          name: r.release,
          namespace: r.chart.namespace,
          createNamespace: true,
          chart: r.chart.chart,
          version: r.chart.version,
          repositoryOpts: { repo: r.chart.repo },
          values: r.values,
          atomic: true,
          timeout: 600,
        },
        { parent, dependsOn: [...dependsOn, ...out] },
      ),
    );
  }
  return out;
}
