/**
 * The failure paths of a cluster run under the real engine: a run that never starts fails the
 * update within its Job's deadline, saying so; a run that failed its thresholds (k6 exit 99) is
 * measured and recorded as failed; a run whose k6 fails otherwise fails the update with the
 * runner's own last log lines; a stack the constructs or the
 * policy pack forbid is stopped before anything exists. After each, `destroy` leaves nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LABEL } from '../../constructs/labels';
import { RunResultSchema } from '../../src/results/run-result';
import { engine, logTail, suiteWorkDir } from './engine';
import { K6_THRESHOLD_ERROR, failedK6Fixture, removeFixtureLogs, serveFixtureLogs } from './fixtures';
import { KubeHttp } from './kube-http';
import { installShippedCrds } from './crds';
import { labelledObjects, namespaceExists } from './leftovers';
import { StackUnderTest, stackUnderTest } from './stack-under-test';

const POLICY_PACK = path.resolve(__dirname, '..', '..', 'policies');
/** A short profile, so the Job's deadline (activeDeadlineSeconds) is about two minutes. */
const SHORT_RUN = { 'perflab:load': 'smoke' };

let kube: KubeHttp;

beforeAll(async () => {
  kube = new KubeHttp();
  await installShippedCrds(kube);
});

afterAll(() => kube?.close());

/**
 * Destroys the stack and checks that nothing of it is left. Leftovers are looked up by the run
 * label, not the experiment's: the stacks shards run alongside this file, and their runtime
 * stacks (other namespaces, other run ids) are legitimately up at the same time.
 */
async function destroyLeavesNothing(s: StackUnderTest, workDir: string): Promise<void> {
  const down = await engine('destroy', s.stack, { config: s.config, workDir });
  expect({ ok: down.ok, error: down.error, tail: down.ok ? '' : logTail(down) }).toEqual({ ok: true, error: undefined, tail: '' });
  expect(await namespaceExists(kube, s.namespace)).toBe(false);
  expect(await labelledObjects(kube, LABEL.run, s.runId)).toEqual([]);
}

describe('a cluster run that fails', () => {
  it('fails the update within the Job deadline when the runner never starts, naming the Job and the timeout', async () => {
    const s = stackUnderTest('runtime-go', {
      ...SHORT_RUN,
      'perflab:namespace': 'perflab-ci-pending-run',
      'perflab-cluster:placement': 'node-selector',
      'perflab-cluster:nodeSelector': '{"perflab.dev/role":"no-such-node"}',
    });
    const workDir = path.join(suiteWorkDir(), 'stacks', 'pending-run');
    const up = await engine('up', s.stack, { config: s.config, workDir, timeoutMs: 420_000 });
    expect(up.ok).toBe(false);
    expect(up.error).toMatch(/k6 Job perflab-ci-pending-run\/k6-runtime-go-\S+ timed out/);
    await destroyLeavesNothing(s, workDir);
  });

  it('records a run that failed its thresholds (k6 exit 99 after its summary) as measured: thresholdsPassed false, and the update says so', async () => {
    const s = stackUnderTest('runtime-go', { ...SHORT_RUN, 'perflab:namespace': 'perflab-ci-failing-run' }, failedK6Fixture());
    const workDir = path.join(suiteWorkDir(), 'stacks', 'failing-run');
    const logs = await serveFixtureLogs(kube, s.namespace, s.fixture, path.join(suiteWorkDir(), 'logs'));
    try {
      const up = await engine('up', s.stack, { config: s.config, workDir });
      expect({ ok: up.ok, error: up.error, tail: up.ok ? '' : logTail(up) }).toEqual({ ok: true, error: undefined, tail: '' });
      expect(up.outputs?.thresholdsPassed).toBe(false);
      const result = RunResultSchema.parse(up.outputs?.runResult);
      expect(result.thresholdsPassed).toBe(false);
      expect(result.notes.join('\n')).toMatch(/k6 exited 99 \(thresholds failed\) on k6-runtime-go-\S+ after writing its summary: .*http_req_duration/);
      // The update itself warns, so a run that missed its SLO is not read as a success.
      expect(fs.readFileSync(up.logFile, 'utf8')).toMatch(/was measured but FAILED its thresholds/);
      await destroyLeavesNothing(s, workDir);
    } finally {
      await removeFixtureLogs(kube, logs);
    }
  });

  it('fails the update with the runner\'s exit code and last log lines when k6 itself fails (exit 107, a script exception)', async () => {
    const s = stackUnderTest('runtime-go', { ...SHORT_RUN, 'perflab:namespace': 'perflab-ci-crashing-run' }, failedK6Fixture());
    const workDir = path.join(suiteWorkDir(), 'stacks', 'crashing-run');
    const logs = await serveFixtureLogs(kube, s.namespace, s.fixture, path.join(suiteWorkDir(), 'logs'));
    try {
      const up = await engine('up', s.stack, { config: s.config, workDir });
      expect(up.ok).toBe(false);
      expect(up.error).toMatch(/k6 Job perflab-ci-crashing-run\/k6-runtime-go-\S+ failed/);
      expect(up.error).toMatch(/exit code 107/);
      expect(up.error).toContain(K6_THRESHOLD_ERROR);
      await destroyLeavesNothing(s, workDir);
    } finally {
      await removeFixtureLogs(kube, logs);
    }
  });
});

describe('guardrails under the real engine', () => {
  it('refuses an unpinned image before anything is created, naming the key and what is allowed', async () => {
    const s = stackUnderTest('runtime-go', { 'perflab:image': 'ghcr.io/example/runtime-go:latest', 'perflab:namespace': 'perflab-ci-unpinned' });
    const workDir = path.join(suiteWorkDir(), 'stacks', 'unpinned');
    const preview = await engine('preview', s.stack, { config: s.config, workDir, policyPacks: [POLICY_PACK] });
    expect(preview.ok).toBe(false);
    expect(preview.error).toContain('image: "ghcr.io/example/runtime-go:latest" is not allowed; expected an image pinned by tag or digest');
    expect(await namespaceExists(kube, s.namespace)).toBe(false);
  });

  it('blocks, through a mandatory policy of the pack, a stack over its cost budget before anything is created', async () => {
    const s = stackUnderTest('runtime-go', { 'perflab:namespace': 'perflab-ci-over-budget' });
    const workDir = path.join(suiteWorkDir(), 'stacks', 'over-budget');
    const policyConfig = path.join(workDir, 'policy-config.json');
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(policyConfig, JSON.stringify({ 'cost-budget': { maxHourlyUsd: 0.0001 } }));
    const preview = await engine('preview', s.stack, { config: s.config, workDir, policyPacks: [POLICY_PACK], policyPackConfigs: [policyConfig] });
    expect(preview.ok).toBe(false);
    expect(preview.error).toMatch(/mandatory/);
    expect(preview.error).toMatch(/cost-budget/);
    // `pulumi up` previews first and stops there; stack policies run once every resource is
    // registered, so an update without a preview (--skip-preview) would create them first.
    expect(await namespaceExists(kube, s.namespace)).toBe(false);
  });
});
