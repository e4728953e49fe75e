/**
 * The pack during `pulumi preview`: outputs of resources not yet created (the RunResults
 * figures, the stack outputs built from them, Kubernetes status) are unknown, and @pulumi/policy
 * hands them to the policies behind a proxy that throws UnknownValueError on access. A policy
 * that does not need an unknown value must still run; one that does must let CrossGuard report
 * it cannot run in preview (the UnknownValueError reaches CrossGuard).
 */
import { UnknownValueError } from '@pulumi/policy';
import { ALL_RULES } from '../policies/rules';
import { RUN_RESULTS_TYPE } from '../src/cluster/results-provider';
import { loadManifests } from '../src/policy/load-manifests';
import { FakeResource, fixture, resourceFromManifest, viaPack } from './fixtures/policies/harness';

/** @pulumi/policy's sentinel for an unknown string (the engine sends every unknown output as one). */
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

const HEADLINES = ['runResult', 'p50Ms', 'p95Ms', 'p99Ms', 'rps', 'errorRate', 'cpuCoreSeconds', 'memoryPeakBytes', 'thresholdsPassed'];
const unknownHeadlines = (): Record<string, unknown> => Object.fromEntries(HEADLINES.map((k) => [k, UNKNOWN]));

/** The RunResults resource as preview shows it: its inputs known, its outputs not. */
const runResults: FakeResource = {
  type: RUN_RESULTS_TYPE,
  name: 'results',
  props: { namespace: 'lab', runId: 'r1', experiment: 'runtime', variant: 'go', runner: { kind: 'Job', name: 'k6-run' }, ...unknownHeadlines() },
};

/** A stack of Kubernetes objects (a k6 Job, its script, a TestRun) whose status is unknown in preview. */
const known = (): FakeResource[] => loadManifests(fixture('load-run-thresholds', 'pass.yaml')).objects.map(resourceFromManifest);
const withUnknownStatus = (): FakeResource[] => known().map((r) => ({ ...r, props: { ...r.props, status: UNKNOWN } }));

const STACK_RULES = ALL_RULES.filter((r) => r.scope === 'stack').map((r) => r.id);

describe('stack policies in preview', () => {
  it('are the five the engine reported as not runnable', () => {
    expect([...STACK_RULES].sort()).toEqual(['cost-budget', 'load-run-placement', 'load-run-thresholds', 'no-plaintext-secret-config', 'stateful-pdb']);
  });

  it.each(STACK_RULES)('%s runs while the RunResults outputs and the stack outputs are unknown, with the verdict of the known stack', async (rule) => {
    const verdict = await viaPack(rule, known(), { stack: 'tidy' });
    const preview = await viaPack(rule, [...withUnknownStatus(), runResults], { stack: 'tidy', outputs: unknownHeadlines() });
    expect(preview).toEqual(verdict);
  });

  it('still cannot run when the rule needs an unknown value: a secret-looking output, a load run\'s script', async () => {
    await expect(viaPack('no-plaintext-secret-config', [runResults], { stack: 'tidy', outputs: { ...unknownHeadlines(), dbPassword: UNKNOWN } })).rejects.toThrow(
      new UnknownValueError(UNKNOWN, ['dbPassword']).message,
    );
    const unknownScript = known().map((r) => (r.name === 'k6-run-script' ? { ...r, props: { ...r.props, data: UNKNOWN } } : r));
    await expect(viaPack('load-run-thresholds', unknownScript)).rejects.toThrow(UnknownValueError);
  });
});

describe('resource policies in preview', () => {
  it('judge a resource by its known fields and leave the unknown ones to the rules that read them', async () => {
    expect(await viaPack('image-pinned', [runResults])).toEqual([]);
    const deployment = resourceFromManifest({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'lab' },
      spec: { template: { spec: { containers: [{ name: 'api', image: UNKNOWN }] } } },
    });
    await expect(viaPack('image-pinned', [deployment])).rejects.toThrow('string value at .spec.template.spec.containers.0.image can\'t be known during preview');
  });
});
