/**
 * One Pulumi operation on one perflab stack under the real engine, in a process of its own:
 *
 *   node -r ts-node/register/transpile-only test/cluster/engine-run.ts <up|preview|destroy> <stack> <request.json>
 *
 * It uses the Automation API with an inline program that runs the repo's index.ts, so no Node
 * language host is needed (none of the 3.248 line can be built here); the policy pack runs through
 * the `pulumi-analyzer-policy-nodejs` plugin on PATH. The stack's config is the repo's
 * stacks/Pulumi.<stack>.yaml, copied into a work folder with the request's overrides, so the
 * repo's files are never written. The outcome is written as JSON to the request's `resultFile`
 * (atomically); the engine's own output goes to its `logFile`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LocalWorkspace, Stack } from '@pulumi/pulumi/automation';

const REPO = path.resolve(__dirname, '..', '..');

/** What the suite asks of one operation. */
export interface EngineRequest {
  /** Folder of this stack's project copy and file backend state. */
  readonly workDir: string;
  /** Config set on top of the stack file, e.g. `{ "perflab-cluster:operators": "preinstalled" }`. */
  readonly config: Record<string, string>;
  /** Policy pack folders (absolute). @default none */
  readonly policyPacks?: string[];
  /** Policy pack config files (JSON), one per pack. @default none */
  readonly policyPackConfigs?: string[];
  /** Ask the engine to fail if `up` would change anything. @default false */
  readonly expectNoChanges?: boolean;
  readonly logFile: string;
  readonly resultFile: string;
}

/** What one operation reports back. */
export interface EngineOutcome {
  readonly ok: boolean;
  /** The error's text when not ok. */
  readonly error?: string;
  /** Stack outputs (plain values; secrets unwrapped), after up. */
  readonly outputs?: Record<string, unknown>;
  /** Which outputs were secret. */
  readonly secretOutputs?: string[];
  /** Resource changes by op, e.g. `{ create: 9 }`. */
  readonly changes?: Record<string, number>;
  readonly seconds: number;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** A project folder for the stack: Pulumi.yaml and stacks/Pulumi.<stack>.yaml, copied. */
function prepareProject(stackName: string, workDir: string): string {
  const project = path.join(workDir, 'project');
  fs.mkdirSync(path.join(project, 'stacks'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'Pulumi.yaml'), path.join(project, 'Pulumi.yaml'));
  const stackFile = path.join(project, 'stacks', `Pulumi.${stackName}.yaml`);
  if (!fs.existsSync(stackFile)) fs.copyFileSync(path.join(REPO, 'stacks', `Pulumi.${stackName}.yaml`), stackFile);
  return project;
}

async function openStack(stackName: string, req: EngineRequest): Promise<Stack> {
  const project = prepareProject(stackName, req.workDir);
  const state = path.join(req.workDir, 'state');
  fs.mkdirSync(state, { recursive: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    {
      stackName,
      projectName: 'perflab',
      // The program is the repo's own index.ts, loaded fresh in this process.
      program: async () => ({ ...(require(path.join(REPO, 'index.ts')) as Record<string, unknown>) }),
    },
    {
      workDir: project,
      envVars: { PULUMI_BACKEND_URL: `file://${state}`, PULUMI_CONFIG_PASSPHRASE: 'perflab-cluster-suite' },
    },
  );
  const overrides = Object.fromEntries(Object.entries(req.config).map(([k, v]) => [k, { value: v }]));
  if (Object.keys(overrides).length) await stack.setAllConfig(overrides);
  return stack;
}

async function run(verb: string, stackName: string, req: EngineRequest): Promise<EngineOutcome> {
  const started = Date.now();
  const log = fs.createWriteStream(req.logFile, { flags: 'a' });
  const onOutput = (s: string) => log.write(s);
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  try {
    const stack = await openStack(stackName, req);
    log.write(`\n===== ${verb} ${stackName} =====\n`);
    if (verb === 'up') {
      const r = await stack.up({ onOutput, color: 'never', policyPacks: req.policyPacks, policyPackConfigs: req.policyPackConfigs, expectNoChanges: req.expectNoChanges });
      const outputs = Object.fromEntries(Object.entries(r.outputs).map(([k, o]) => [k, o.value]));
      const secretOutputs = Object.entries(r.outputs).filter(([, o]) => o.secret).map(([k]) => k);
      return { ok: true, outputs, secretOutputs, changes: r.summary.resourceChanges as Record<string, number>, seconds: seconds() };
    }
    if (verb === 'preview') {
      const r = await stack.preview({ onOutput, color: 'never', policyPacks: req.policyPacks, policyPackConfigs: req.policyPackConfigs });
      return { ok: true, changes: r.changeSummary as Record<string, number>, seconds: seconds() };
    }
    if (verb === 'destroy') {
      const r = await stack.destroy({ onOutput, color: 'never' });
      await stack.workspace.removeStack(stackName);
      return { ok: true, changes: r.summary.resourceChanges as Record<string, number>, seconds: seconds() };
    }
    throw new Error(`unknown verb ${verb} (allowed: up, preview, destroy)`);
  } catch (err) {
    return { ok: false, error: String((err as Error).message ?? err), seconds: seconds() };
  } finally {
    await new Promise((r) => log.end(r));
  }
}

if (require.main === module) {
  const [verb, stackName, requestFile] = process.argv.slice(2);
  const req = JSON.parse(fs.readFileSync(requestFile, 'utf8')) as EngineRequest;
  run(verb, stackName, req)
    .then((outcome) => writeAtomically(req.resultFile, JSON.stringify(outcome, null, 2)))
    .then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`engine-run: ${String(err)}\n`);
        process.exit(1);
      },
    );
}
