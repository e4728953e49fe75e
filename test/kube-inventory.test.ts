/**
 * The real ClusterInventory (src/cluster/kube-inventory.ts, @kubernetes/client-node) against a
 * fake API server: it reads each CRD and Service by name, 404 means absent, other failures are
 * errors, and it uses the kubeconfig and context the stack gives the Kubernetes provider. It runs
 * in a child Node process (test/fixtures/kube-inventory/probe.ts): jest cannot load client-node.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');

it('asks the API server for each CRD and Service by name, with the given kubeconfig and context', () => {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'test/fixtures/kube-inventory/probe.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const found = JSON.parse(out) as { describe: string[]; crds: boolean[]; services: boolean[]; error: string; asked: string[] };
  expect(found.crds).toEqual([true, false]);
  expect(found.services).toEqual([true, false]);
  expect(found.error).not.toBe('none');
  expect(found.describe[0]).toMatch(/^the cluster of context one \(http:\/\/127\.0\.0\.1:\d+\)$/);
  expect(found.describe[1]).toMatch(/^the cluster of context two /);
  expect(found.asked).toEqual([
    'GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/clusters.postgresql.cnpg.io Bearer token-u',
    'GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/mariadbs.k8s.mariadb.com Bearer token-u',
    'GET /api/v1/namespaces/opencost/services/opencost Bearer token-v',
    'GET /api/v1/namespaces/kubecost/services/kubecost-cost-analyzer Bearer token-v',
    'GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/broken Bearer token-u',
  ]);
});
