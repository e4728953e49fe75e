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

  it('registers the Kubernetes objects the rules look at: a namespace and a load run', () => {
    const types = run.resources.map((r) => r.type);
    expect(types).toContain('kubernetes:core/v1:Namespace');
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
    // Every stack has a load run; take the first Job's deadline away.
    const first = run.resources.find((r) => r.type === 'kubernetes:batch/v1:Job')!;
    const broken = run.resources.map((r) => {
      if (r !== first) return r;
      const props = JSON.parse(JSON.stringify(r.props));
      delete props.spec.activeDeadlineSeconds;
      return { ...r, props };
    });
    const found = await viaPack('load-run-deadline', broken, { stack, policies });
    expect(found).toEqual([expect.stringMatching(new RegExp(`^Job/${(first.props as { metadata: { name: string } }).metadata.name}: `))]);
  });

  it('passes every mandatory rule in perflab check on its synthesized manifests', () => {
    const out = runCheck(stack, { project: ROOT });
    expect(out.stderr).toEqual([]);
    expect(out.report!.findings.filter((f) => f.level === 'mandatory')).toEqual([]);
    expect(out.report!.notApplicable).toEqual([]);
    expect(out.exitCode).toBe(0);
  });
});
