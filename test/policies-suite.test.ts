/**
 * Every shipped stack passes every mandatory rule, through both front ends: the Pulumi program
 * run under mocks per stack file (its registered resources through the pack's own policies, as
 * CrossGuard would see them), and `perflab check <stack>` on the synthesized manifests. The
 * stacks are found at run time (stacks/Pulumi.*.yaml), so a new stack is covered by existing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { K6_NAME, LOAD_COMPONENT } from '../constructs/k6-run';
import { REQUIRED_LABEL_KEYS } from '../constructs/labels';
import { SUT_COMPONENT } from '../constructs/runtime-api';
import { policies } from '../policies/policy-list';
import { ALL_RULES } from '../policies/rules';
import { DEFAULT_LOAD_COMPONENTS, DEFAULT_SUT_COMPONENTS } from '../policies/rules/lab-roles';
import { RECOMMENDED_LABEL_KEYS, RUN_LABEL_KEYS } from '../policies/rules/labels';
import { runCheck } from '../src/cli/commands/check';
import { listStacks } from '../src/cluster/stack-file';
import { viaPack } from './fixtures/policies/harness';
import { ProgramRun, runProgramUnderMocks } from './fixtures/policies/program-under-mocks';

const ROOT = path.join(__dirname, '..');
const STACKS = listStacks();
const MANDATORY = ALL_RULES.filter((r) => r.level === 'mandatory').map((r) => r.id);
const programExists = fs.existsSync(path.join(ROOT, 'index.ts'));

// Each isolated program load adds @pulumi/pulumi's process listeners again.
process.setMaxListeners(100);

it('finds the shipped stacks and the Pulumi program', () => {
  expect(STACKS.length).toBeGreaterThan(0);
  expect(programExists).toBe(true);
});

it('recognises load runs and systems under test by the labels the constructs set', () => {
  expect(DEFAULT_LOAD_COMPONENTS).toEqual([LOAD_COMPONENT]);
  expect(DEFAULT_SUT_COMPONENTS).toEqual([SUT_COMPONENT]);
  expect(K6_NAME).toBe('k6');
  expect([...RUN_LABEL_KEYS, ...RECOMMENDED_LABEL_KEYS].sort()).toEqual([...REQUIRED_LABEL_KEYS].sort());
});

describe.each(STACKS)('stack %s', (stack) => {
  let run: ProgramRun;

  beforeAll(async () => {
    run = await runProgramUnderMocks(stack);
  });

  it('registers the Kubernetes objects the rules look at', () => {
    const types = run.resources.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['kubernetes:apps/v1:Deployment', 'kubernetes:core/v1:Service', 'kubernetes:core/v1:ConfigMap']));
    expect(types.some((t) => t === 'kubernetes:batch/v1:Job' || t === 'kubernetes:k6.io/v1alpha1:TestRun')).toBe(true);
  });

  it('passes every mandatory policy of the pack under mocks', async () => {
    const violations: string[] = [];
    for (const id of MANDATORY) {
      for (const line of await viaPack(id, run.resources, { stack, outputs: run.outputs, policies })) violations.push(`${id} ${line}`);
    }
    expect(violations).toEqual([]);
  });

  it('would notice a violation in what the program registers (the check is not vacuous)', async () => {
    const first = run.resources.find((r) => r.type === 'kubernetes:apps/v1:Deployment');
    const broken = run.resources.map((r) => {
      if (r !== first) return r;
      const props = JSON.parse(JSON.stringify(r.props));
      delete props.spec.template.spec.containers[0].resources.limits;
      return { ...r, props };
    });
    const found = await viaPack('container-resources', broken, { stack, policies });
    expect(found).toEqual([expect.stringMatching(/^Deployment\/\S+: container "api" does not set resources.limits.cpu and resources.limits.memory$/)]);
  });

  it('passes every mandatory rule in perflab check on its synthesized manifests', () => {
    const out = runCheck(stack, { project: ROOT });
    expect(out.stderr).toEqual([]);
    expect(out.report!.findings.filter((f) => f.level === 'mandatory')).toEqual([]);
    expect(out.report!.notApplicable).toEqual([]);
    expect(out.exitCode).toBe(0);
  });
});
