/**
 * `perflab check <stack|dir|file>`: the lab's policy rules — the same rule functions the
 * CrossGuard pack (policies/) runs — on synthesized manifests. A stack name is synthesized like
 * `perflab synth` does (src/cluster/synth-stack.ts) and checked with its stack config; a
 * directory or file is read as YAML/JSON manifests. One line per violation
 * (`[mandatory|advisory] <rule-id> <Kind>/<name>: <message>`), then a count. Exit 1 when any
 * mandatory rule is violated, 2 on bad input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { ConfigError } from '../../config/errors';
import { StackFileError, stackFilePath } from '../../cluster/stack-file';
import { synthesizeStack } from '../../cluster/synth-stack';
import { CheckReport, checkManifests } from '../../policy/check';
import { PolicyConfigError } from '../../policy/config';
import { formatFinding, formatSummary } from '../../policy/format';
import { ManifestInputError, loadManifests } from '../../policy/load-manifests';
import { StackConfigError, readStackInfo } from '../../policy/stack-config';
import { CostEstimator, Manifest, Rule, StackInfo } from '../../policy/types';

/** Exit codes of `perflab check`. */
export const CHECK_EXIT = { ok: 0, mandatoryViolations: 1, badInput: 2 } as const;

/** Options of runCheck. */
export interface RunCheckOptions {
  /** Folder holding Pulumi.yaml and stacks/. @default the current directory */
  readonly project?: string;
  /** A policy config file (Pulumi's `--policy-pack-config` JSON format). */
  readonly policyConfig?: string;
  /** For a directory or file: the stack whose config the stack-level rules read. */
  readonly stack?: string;
  /** Rules to run. @default every rule */
  readonly rules?: readonly Rule[];
  /** Cost model. @default the lab's */
  readonly estimateHourlyCost?: CostEstimator;
}

/** What runCheck produced: the lines to print, the exit code, and the report (absent on bad input). */
export interface CheckOutcome {
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exitCode: number;
  readonly report?: CheckReport;
}

/** A check that cannot start: bad target, unreadable manifests, bad config. */
class BadInput extends Error {}

function isStackName(target: string, project: string): boolean {
  return !target.includes(path.sep) && !target.includes('/') && !fs.existsSync(target) && fs.existsSync(stackFilePath(target, project));
}

function readPolicyConfig(file: string | undefined): unknown {
  if (file === undefined) return {};
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new BadInput(`--policy-config: cannot read ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BadInput(`--policy-config: ${file} is not valid JSON (${(err as Error).message})`);
  }
}

function objectsAndStack(target: string, opts: RunCheckOptions, project: string): { objects: Manifest[]; stack: StackInfo; what: string } {
  if (isStackName(target, project)) {
    const synthesis = synthesizeStack(target, project);
    return { objects: synthesis.objects as Manifest[], stack: readStackInfo(target, project), what: `stack ${target}` };
  }
  if (!fs.existsSync(target) && !/[\\/.]/.test(target)) {
    throw new BadInput(`${target}: not a file, a directory, or a stack with a file at ${path.relative(process.cwd(), stackFilePath(target, project)) || stackFilePath(target, project)}`);
  }
  const { objects, files } = loadManifests(target);
  const stack = opts.stack ? readStackInfo(opts.stack, project) : {};
  return { objects, stack, what: `${files.length} file${files.length === 1 ? '' : 's'}` };
}

/** The core of `perflab check`: checks `target` and returns what to print and the exit code. */
export function runCheck(target: string, opts: RunCheckOptions = {}): CheckOutcome {
  const project = path.resolve(opts.project ?? '.');
  try {
    const policyConfig = readPolicyConfig(opts.policyConfig);
    const { objects, stack, what } = objectsAndStack(target, opts, project);
    const report = checkManifests(objects, { rules: opts.rules, policyConfig, stack, estimateHourlyCost: opts.estimateHourlyCost });
    const stdout = report.findings.map(formatFinding);
    for (const n of report.notApplicable) stdout.push(`[not applicable] ${n.ruleId}: ${n.reason}`);
    stdout.push(`${formatSummary(report.findings, report.objectCount)} (${what})`);
    return { stdout, stderr: [], exitCode: report.mandatory > 0 ? CHECK_EXIT.mandatoryViolations : CHECK_EXIT.ok, report };
  } catch (err) {
    const known = [BadInput, ManifestInputError, PolicyConfigError, StackConfigError, StackFileError, ConfigError];
    if (!known.some((k) => err instanceof k)) throw err;
    const message = (err as Error).message.replace(/\n/g, '\n  ');
    return { stdout: [], stderr: [`perflab check ${target}: ${message}`], exitCode: CHECK_EXIT.badInput };
  }
}

/** Registers `check`. */
export function registerCheck(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('check')
    .description('run the policy rules (the CrossGuard pack\'s) on a stack\'s synthesized manifests, or on manifest files')
    .argument('<target>', 'stack name (stacks/Pulumi.<stack>.yaml), or a YAML/JSON manifest file or directory')
    .option('--project <dir>', 'folder holding Pulumi.yaml and stacks/', '.')
    .option('--policy-config <file>', 'policy config: enforcement levels and settings (the --policy-pack-config JSON format)')
    .option('--stack <name>', 'for a file or directory: the stack whose config the stack-level rules read')
    .action((target: string, o: { project: string; policyConfig?: string; stack?: string }) => {
      const outcome = runCheck(target, { project: o.project, policyConfig: o.policyConfig, stack: o.stack });
      if (outcome.stdout.length) process.stdout.write(`${outcome.stdout.join('\n')}\n`);
      if (outcome.stderr.length) process.stderr.write(`${outcome.stderr.join('\n')}\n`);
      setExitCode(outcome.exitCode);
    });
}
