/**
 * `perflab preflight` (the real CLI, through @kubernetes/client-node) against real API servers:
 * on an empty cluster a stack whose operator is preinstalled is blocked and the missing CRD is
 * named; once that CRD exists (built from the schema the repo ships) the same stack passes; and
 * a stack that needs no CRD passes on the suite's own cluster. The empty cluster is a second kwok
 * cluster (test/cluster/bare-cluster.ts): on the suite's, other files install every CRD.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { BareCluster, startBareCluster } from './bare-cluster';
import { installShippedCrds, shippedCrds } from './crds';
import { KubeHttp } from './kube-http';
import { projectWithStack } from '../helpers/fake-preflight-inventory';
import { PREFLIGHT_EXIT } from '../../src/cli/commands/preflight';
import type { Finding } from '../../src/cluster/preflight-checks';

const REPO = path.resolve(__dirname, '..', '..');
const CNPG_CRD = 'clusters.postgresql.cnpg.io';

/** Runs `perflab preflight <args>`; the exit code, stdout and stderr. */
function perflabPreflight(args: string[], env: NodeJS.ProcessEnv = process.env): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'perflab.js'), 'preflight', ...args], { cwd: REPO, env, encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Waits until `count` nodes report Ready. */
async function readyNodes(kube: KubeHttp, count: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await kube.get<{ items: Array<{ status?: { conditions?: Array<{ type: string; status: string }> } }> }>('/api/v1/nodes');
    const ready = list.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
    if (ready >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${ready} of ${count} nodes Ready after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('perflab preflight on an empty cluster', () => {
  let bare: BareCluster;
  let kube: KubeHttp;
  const project = projectWithStack('db-cnpg', { 'perflab-cluster:operators': 'preinstalled' });

  beforeAll(async () => {
    bare = startBareCluster(`perflab-preflight-${process.pid}`);
    kube = new KubeHttp(bare.kubeconfig);
    await readyNodes(kube, 1);
  });
  afterAll(() => {
    kube?.close();
    bare?.close();
  });

  it('names the missing CRD of a preinstalled operator and exits 1', () => {
    const table = perflabPreflight(['db-cnpg', '--project', project, '--kubeconfig', bare.kubeconfig]);
    expect({ code: table.code, stderr: table.stderr }).toEqual({ code: PREFLIGHT_EXIT.blocker, stderr: '' });
    expect(table.stdout).toMatch(/crd\s+clusters\.postgresql\.cnpg\.io\s+BLOCKER\s+missing\s+install the CloudNativePG operator/);
    expect(table.stdout).toMatch(/api-server\s+Kubernetes ≥ 1\.28\s+ok\s+v1\.34\.4/);

    const json = perflabPreflight(['db-cnpg', '--project', project, '--kubeconfig', bare.kubeconfig, '--json']);
    const findings = (JSON.parse(json.stdout) as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.state === 'blocker').map((f) => `${f.check} ${f.subject} ${f.found}`)).toEqual([`crd ${CNPG_CRD} missing`]);
    // No metrics-server on kwok: a warning, not a blocker.
    expect(findings.find((f) => f.check === 'metrics')).toMatchObject({ state: 'warning' });
    expect(findings.find((f) => f.check === 'nodes')).toMatchObject({ state: 'ok', found: expect.stringMatching(/^1 of 1 node\(s\) schedulable/) });
  });

  it('passes once the CRD is installed, and says who installed it', async () => {
    await installShippedCrds(kube, 120_000, shippedCrds().filter((e) => `${e.plural}.${e.group}` === CNPG_CRD));
    const r = perflabPreflight(['db-cnpg', '--project', project, '--kubeconfig', bare.kubeconfig, '--json']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: PREFLIGHT_EXIT.ok, stderr: '' });
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    expect(findings.find((f) => f.check === 'crd')).toEqual({ check: 'crd', subject: CNPG_CRD, state: 'ok', found: 'present (no owner recorded (applied directly))' });
  });
});

describe('perflab preflight on the suite\'s cluster', () => {
  it('passes a stack that needs no CRD, with the suite\'s two kwok nodes for required anti-affinity', () => {
    const project = projectWithStack('runtime-go', { 'perflab-cluster:placement': 'required-anti-affinity' });
    const r = perflabPreflight(['runtime-go', '--project', project, '--json']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: PREFLIGHT_EXIT.ok, stderr: '' });
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    expect(findings.find((f) => f.check === 'nodes')).toMatchObject({ state: 'ok', subject: '2 schedulable node(s)' });
    // kwok nodes report no images: the cluster cannot say whether k6's image pulls.
    expect(findings.find((f) => f.check === 'image' && f.subject === 'grafana/k6:1.3.0')).toMatchObject({ state: 'unverified' });
  });
});
