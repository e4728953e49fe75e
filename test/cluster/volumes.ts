/**
 * Storage for the suite's cluster. kwok runs no storage provisioner, so a StatefulSet's
 * PersistentVolumeClaim would stay Pending and its pods unscheduled; the suite creates
 * PersistentVolumes up front (class-less, as a claim without a class on a cluster without a
 * default StorageClass asks for), and kube-controller-manager's binder hands them out.
 */
import { KubeHttp } from './kube-http';

/** Label of the volumes the suite makes. */
const SUITE_VOLUME = { 'perflab.dev/cluster-suite': 'volume' };

/** Creates `count` 100 GiB volumes named `perflab-suite-<set>-<i>`; returns their API paths. */
export async function provisionVolumes(kube: KubeHttp, count: number, set: string): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `perflab-suite-${set}-${i}`;
    const p = `/api/v1/persistentvolumes/${name}`;
    await kube.apply(p, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, labels: SUITE_VOLUME },
      spec: {
        capacity: { storage: '100Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: '',
        hostPath: { path: `/var/lib/perflab-suite/${name}` },
      },
    });
    paths.push(p);
  }
  return paths;
}

/** Deletes volumes made by provisionVolumes. */
export async function removeVolumes(kube: KubeHttp, paths: readonly string[]): Promise<void> {
  for (const p of paths) await kube.delete(p);
}
