/**
 * The lifecycle test of in-cluster stacks under the real Pulumi engine, the real Kubernetes
 * provider and the policy pack, against the suite's kube-apiserver with kwok nodes: `up` → the
 * stack outputs hold a schema-valid RunResult whose figures are the fixture's → (the first stack
 * of each experiment) an unchanged re-run changes nothing → `destroy` → nothing with the run's
 * label is left, of any kind, namespace included. The stacks-*.cluster.ts files each run a shard.
 */
import * as path from 'path';
import { RunResultSchema } from '../../src/results/run-result';
import { LABEL } from '../../constructs/labels';
import { engine, logTail, suiteWorkDir } from './engine';
import { installServices, k6SummaryFixture, removeFixtureLogs, serveFixtureLogs } from './fixtures';
import { KubeHttp } from './kube-http';
import { installShippedCrds } from './crds';
import { labelledObjects, namespaceExists } from './leftovers';
import { provisionVolumes, removeVolumes } from './volumes';
import { inClusterStacks, stackUnderTest } from './stack-under-test';

const POLICY_PACK = path.resolve(__dirname, '..', '..', 'policies');

/**
 * Declares the lifecycle test for each stack of `shard` (PERFLAB_CLUSTER_STACKS=a,b narrows it);
 * `name` tells the shard's volumes apart.
 */
export function describeStackLifecycles(name: string, shard: readonly string[]): void {
  const only = process.env.PERFLAB_CLUSTER_STACKS?.split(',').filter(Boolean);
  const stacks = shard.filter((s) => !only || only.includes(s));
  /** The first stack of each experiment also proves that an unchanged re-run changes nothing. */
  const rerun = new Set(inClusterStacks().filter((s, i, all) => all.findIndex((t) => stackUnderTest(t).experiment === stackUnderTest(s).experiment) === i));

  let kube: KubeHttp;
  let volumes: string[] = [];
  const timings: string[] = [];

  beforeAll(async () => {
    kube = new KubeHttp();
    await installShippedCrds(kube);
    // Enough for every StatefulSet replica of the shard's stacks (a released volume is not reused).
    volumes = await provisionVolumes(kube, 20, name);
  });

  afterAll(async () => {
    if (kube) await removeVolumes(kube, volumes);
    kube?.close();
    // One line per stack, for the suite's log (and the closing notes of whoever changes it).
    process.stdout.write(`\ncluster suite timings (s):\n${timings.join('\n')}\n`);
  });

  describe.each(stacks)('stack %s under the real engine', (stack) => {
    it('goes up with its policies, reports the fixture, re-runs unchanged and comes down leaving nothing', async () => {
      const s = stackUnderTest(stack);
      const logs = await serveFixtureLogs(kube, s.namespace, s.fixture, path.join(suiteWorkDir(), 'logs'));
      const installed = await installServices(kube, s.fixture);
      try {
        const up = await engine('up', stack, { config: s.config, policyPacks: [POLICY_PACK] });
        expect({ ok: up.ok, error: up.error, tail: up.ok ? '' : logTail(up) }).toEqual({ ok: true, error: undefined, tail: '' });
        const outputs = up.outputs!;
        const parsed = RunResultSchema.safeParse(outputs.runResult);
        expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
        const result = parsed.data!;
        expect([result.experiment, result.variant]).toEqual([s.experiment, s.variant]);
        expect(outputs.namespace).toBe(s.namespace);
        // Figures built from a fixture say so.
        expect(result.notes.join('\n')).toMatch(/kwok/);
        if (s.fixture.logs[0].containers.includes('k6')) {
          const f = k6SummaryFixture();
          expect([outputs.p95Ms, outputs.p99Ms]).toEqual([f.p95Ms, f.p99Ms]);
          expect(outputs.throughput).toBeCloseTo(f.rps, 6);
        } else {
          expect(outputs.throughput).toBeGreaterThan(0);
        }

        let rerunSeconds = '-';
        if (rerun.has(stack)) {
          const again = await engine('up', stack, { config: s.config, expectNoChanges: true });
          expect({ ok: again.ok, error: again.error }).toEqual({ ok: true, error: undefined });
          expect(Object.keys(again.changes ?? {})).toEqual(['same']);
          rerunSeconds = String(again.seconds);
        }

        const down = await engine('destroy', stack, { config: s.config });
        expect({ ok: down.ok, error: down.error, tail: down.ok ? '' : logTail(down) }).toEqual({ ok: true, error: undefined, tail: '' });
        expect(await namespaceExists(kube, s.namespace)).toBe(false);
        expect(await labelledObjects(kube, LABEL.run, s.runId)).toEqual([]);
        timings.push(`${stack.padEnd(30)} up ${String(up.seconds).padStart(6)}  re-run ${rerunSeconds.padStart(6)}  destroy ${String(down.seconds).padStart(6)}  (${up.changes?.create ?? 0} resources)`);
      } finally {
        await removeFixtureLogs(kube, logs);
        for (const p of installed) await kube.delete(p);
      }
    });
  });
}
