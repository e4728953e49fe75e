/**
 * A second, empty cluster for checks that need a cluster without the suite's CRDs (the suite's
 * own API server gets every shipped CRD from whichever test file starts first): kube-apiserver on
 * etcd with kwok nodes, the same binaries and node stages as scripts/cluster-test.sh, nothing else
 * installed. Created with kwokctl (on PATH through the cluster suite) and deleted by `close`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { suiteWorkDir } from './engine';

/** A throwaway cluster and its kubeconfig. */
export interface BareCluster {
  readonly name: string;
  readonly kubeconfig: string;
  /** Deletes the cluster (and its files). */
  close(): void;
}

const which = (tool: string): string => execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();

/** Starts a cluster named `name` with `nodes` Ready kwok nodes; resolves when the API server serves. */
export function startBareCluster(name: string, nodes = 1): BareCluster {
  const dir = path.join(suiteWorkDir(), name);
  fs.mkdirSync(dir, { recursive: true });
  const kubeconfig = path.join(dir, 'kubeconfig');
  const env = { ...process.env, KWOK_WORKDIR: path.join(dir, 'kwok') };
  const kwokctl = (args: string[]): void => {
    execFileSync('kwokctl', args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  };
  kwokctl([
    'create', 'cluster', '--name', name, '--runtime', 'binary',
    '--kube-apiserver-binary', which('kube-apiserver'),
    '--kube-controller-manager-binary', which('kube-controller-manager'),
    '--kube-scheduler-binary', which('kube-scheduler'),
    '--kwok-controller-binary', which('kwok'),
    '--etcd-binary', which('etcd'),
    '--config', path.resolve(__dirname, 'kwok-stages.yaml'),
    '--kubeconfig', kubeconfig,
    // Debian's etcd 3.4 cannot serve watch progress requests (see scripts/cluster-test.sh).
    '--kube-feature-gates', 'WatchList=false',
    '--wait', '120s', '--quiet-pull',
  ]);
  kwokctl(['scale', 'node', '--name', name, '--replicas', String(nodes)]);
  return {
    name,
    kubeconfig,
    close: () => {
      try {
        kwokctl(['delete', 'cluster', '--name', name]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
