/**
 * Cold start and image size: on a cluster from the SUT pod's conditions and the node's
 * status.images (API objects in test/fixtures/cluster, in the shape of k8s.io/api core/v1
 * Pod and Node), locally the built artefact's size. Shown by `compare` and `report`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { podInfoOf } from '../src/cluster/kube-mappers';
import { startupFigures, measuredContainer } from '../src/cluster/startup-figures';
import { readRunResults } from '../src/cluster/results-reader';
import { PodInfo } from '../src/cluster/cluster-client';
import { artefactSize } from '../src/local/artefact-size';
import { RunResultSchema } from '../src/results/run-result';
import { comparisonTable } from '../src/results/summary-table';
import { buildReportModel } from '../src/report/model';
import { startupTable } from '../src/report/startup-table';
import { renderMarkdown } from '../src/report/markdown';
import { renderHtml } from '../src/report/html';
import { withArtefactSize } from '../experiments/runtime/artefact';
import { fakeRun } from './fixtures/results/factory';
import { FakeClock, FakeCluster, fixture, k3sNode, runRequest, runnerLog } from './fixtures/cluster/fake-cluster';

const recordedPod = (): PodInfo => podInfoOf(JSON.parse(fixture('pod-runtime-go.json')));
const GO_IMAGE_BYTES = 4213877;

describe('the pod and node mappers', () => {
  it('read PodScheduled and Ready times, the container images and restarts of a Pod object', () => {
    expect(recordedPod()).toEqual({
      name: 'runtime-go-7d9c5b6f4-x2k8p',
      nodeName: 'lab-1',
      phase: 'Running',
      exitCode: undefined,
      terminatedReason: undefined,
      containerImages: [{ name: 'server', image: 'docker.io/perflab/runtime-go:0.2.0', imageID: 'docker.io/perflab/runtime-go@sha256:5f1c3e9a0b7d2c4e6f8a1b3d5c7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e' }],
      scheduledAt: '2026-11-25T11:58:01.000Z',
      readyAt: '2026-11-25T11:58:06.000Z',
      restarts: 0,
    });
  });

  it('read status.images of a Node object', () => {
    const images = k3sNode().images ?? [];
    expect(images).toHaveLength(3);
    expect(images[0]).toEqual({ names: expect.arrayContaining(['docker.io/perflab/runtime-go:0.2.0']), sizeBytes: GO_IMAGE_BYTES });
  });

  it('leave a pod that is not Ready without readyAt', () => {
    const pod = JSON.parse(fixture('pod-runtime-go.json'));
    pod.status.conditions = pod.status.conditions.map((c: { type: string; status: string }) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
    expect(podInfoOf(pod).readyAt).toBeUndefined();
  });
});

describe('startupFigures', () => {
  it('gives scheduled → Ready as the cold start and the node\'s size of the image the pod ran', () => {
    const f = startupFigures([recordedPod()], [k3sNode()]);
    expect(f.coldStartMs).toBe(5000);
    expect(f.imageSize).toEqual({ bytes: GO_IMAGE_BYTES, source: 'node-image', ref: 'docker.io/perflab/runtime-go:0.2.0' });
    expect(f.notes[0]).toContain('pod scheduled → Ready');
    expect(f.notes[0]).toContain('runtime-go-7d9c5b6f4-x2k8p 5 s');
    expect(f.notes[1]).toContain('4.0 MiB for docker.io/perflab/runtime-go:0.2.0 (container server of runtime-go-7d9c5b6f4-x2k8p) as node lab-1 reports it');
  });

  it('finds the image by tag when the digest is not listed, with or without Docker Hub\'s prefix', () => {
    const pod = { ...recordedPod(), containerImages: [{ name: 'server', image: 'perflab/runtime-go:0.2.0', imageID: '' }] };
    expect(startupFigures([pod], [k3sNode()]).imageSize?.bytes).toBe(GO_IMAGE_BYTES);
  });

  it('takes the median over the pods and says which one restarted', () => {
    const at = (name: string, readySecond: number, restarts = 0): PodInfo => ({ ...recordedPod(), name, readyAt: `2026-11-25T11:58:${String(readySecond).padStart(2, '0')}Z`, restarts });
    const f = startupFigures([at('a', 4), at('b', 11, 2), at('c', 6)], [k3sNode()]);
    expect(f.coldStartMs).toBe(5000);
    expect(f.notes[0]).toContain('median of 3 pod(s)');
    expect(f.notes[0]).toContain('b restarted, so its Ready time is its latest, not its first');
  });

  it('measures the named container, or the first one not excluded (a mesh proxy is not the SUT)', () => {
    const meshed: PodInfo = {
      ...recordedPod(),
      containerImages: [{ name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:edge-25.9.2', imageID: '' }, ...(recordedPod().containerImages ?? [])],
    };
    expect(measuredContainer(meshed)?.name).toBe('linkerd-proxy');
    expect(measuredContainer(meshed, { excludeContainers: ['linkerd-proxy'] })?.name).toBe('server');
    expect(measuredContainer(meshed, { containers: ['server'] })?.name).toBe('server');
    expect(startupFigures([meshed], [k3sNode()], { excludeContainers: ['linkerd-proxy'] }).imageSize?.bytes).toBe(GO_IMAGE_BYTES);
    // The proxy image is not on the node: no size, and the note says why.
    const proxy = startupFigures([meshed], [k3sNode()]);
    expect(proxy.imageSize).toBeUndefined();
    expect(proxy.notes[1]).toBe('no image size: node lab-1 does not list cr.l5d.io/linkerd/proxy:edge-25.9.2 in status.images (the kubelet reports at most --node-status-max-images, 50 by default)');
  });

  it('says why there is no cold start when no pod has both conditions', () => {
    const f = startupFigures([{ ...recordedPod(), readyAt: undefined }], [k3sNode()]);
    expect(f.coldStartMs).toBeUndefined();
    expect(f.notes[0]).toBe('no cold start: none of the 1 system-under-test pod(s) reports both PodScheduled and Ready');
  });
});

describe('readRunResults carries cold start and image size', () => {
  it('into a valid RunResult, with the notes', async () => {
    const cluster = new FakeCluster({
      statuses: [{ state: 'succeeded', startTime: '2026-11-25T12:00:00Z', completionTime: '2026-11-25T12:03:11Z' }],
      runners: [{ name: 'k6-runtime-go-1a2b3c4d-abcde', nodeName: 'lab-2', phase: 'Succeeded', exitCode: 0, log: runnerLog('k6-summary-pass.json') }],
      sutPods: [recordedPod()],
      nodes: [k3sNode()],
    });
    const { runResult } = await readRunResults(cluster, runRequest(), new FakeClock());
    expect(RunResultSchema.parse(runResult)).toBeTruthy();
    expect(runResult.coldStartMs).toBe(5000);
    expect(runResult.imageSize).toEqual({ bytes: GO_IMAGE_BYTES, source: 'node-image', ref: 'docker.io/perflab/runtime-go:0.2.0' });
    expect(runResult.notes.some((n) => n.startsWith('cold start: pod scheduled → Ready'))).toBe(true);
  });
});

describe('artefactSize (local target)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-artefact-'));
    fs.mkdirSync(path.join(dir, 'build', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'build', 'a.dll'), Buffer.alloc(1000));
    fs.writeFileSync(path.join(dir, 'build', 'sub', 'b.json'), Buffer.alloc(24));
    fs.writeFileSync(path.join(dir, 'server.js'), Buffer.alloc(300));
    // A link to a big file outside is counted as a link, never followed.
    fs.writeFileSync(path.join(dir, 'big'), Buffer.alloc(1 << 20));
    fs.symlinkSync(path.join(dir, 'big'), path.join(dir, 'build', 'link'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sums the regular files of the artefact paths, labelled built-artefact', () => {
    expect(artefactSize(dir, ['build', 'server.js'])).toEqual({ bytes: 1324, source: 'built-artefact', ref: 'build + server.js' });
  });

  it('names a path the build did not produce', () => {
    expect(() => artefactSize(dir, ['target/release/app'])).toThrow(`built artefact ${path.join(dir, 'target/release/app')} is missing: the build did not produce it`);
  });

  it('goes into a local result with a note saying it is not the image size', () => {
    const r = withArtefactSize(fakeRun({ variant: 'node' }), { appDir: dir, artefact: { paths: ['server.js'], note: 'the server' } });
    expect(r.imageSize).toEqual({ bytes: 300, source: 'built-artefact', ref: 'server.js' });
    expect(r.notes[r.notes.length - 1]).toBe('image size: not measured locally (no image is built); the built artefact server.js is 0.0 MiB: the server');
  });
});

describe('compare and report show both', () => {
  const cluster = () => ({ ...fakeRun({ experiment: 'runtime', variant: 'go', seed: 1 }), target: 'k3s', coldStartMs: 5000, imageSize: { bytes: 4 * 1024 * 1024, source: 'node-image' as const, ref: 'docker.io/perflab/runtime-go:0.2.0' } });
  const local = () => ({ ...fakeRun({ experiment: 'runtime', variant: 'rust', seed: 2 }), target: 'local', coldStartMs: 12, imageSize: { bytes: 2.5 * 1024 * 1024, source: 'built-artefact' as const, ref: 'target/release/runtime-rust' } });

  it('compare: cold ms and image MiB columns, the size marked node or artefact', () => {
    const table = comparisonTable([cluster(), local()]);
    expect(table).toMatch(/cold ms\s+image MiB/);
    expect(table).toMatch(/5000\s+4\.0 node/);
    expect(table).toMatch(/12\s+2\.5 artefact/);
  });

  it('report: a startup table saying what each figure spans and counts', () => {
    const m = buildReportModel([cluster(), local()]);
    const t = startupTable(m);
    expect(t?.header).toEqual(['configuration', 'cold start (median)', 'cold start spans', 'image size (median)', 'image size counts']);
    const rows = t?.rows ?? [];
    expect(rows).toContainEqual(expect.arrayContaining(['5000 ms', 'pod scheduled → Ready', '4.0 MiB', 'image, as the node reports it: docker.io/perflab/runtime-go:0.2.0']));
    expect(rows).toContainEqual(expect.arrayContaining(['12 ms', 'process start → first healthy answer', '2.5 MiB', 'built artefact only (no image built; base image not counted): target/release/runtime-rust']));
    expect(renderMarkdown(m)).toContain('## Startup and image size');
    expect(renderHtml(m)).toContain('Startup and image size');
    expect(renderHtml(m)).toContain('built artefact only (no image built; base image not counted)');
  });

  it('report: no startup table when no run carries either figure', () => {
    expect(startupTable(buildReportModel([{ ...fakeRun({ experiment: 'runtime', variant: 'go' }), coldStartMs: undefined, imageSize: undefined }]))).toBeUndefined();
  });
});
