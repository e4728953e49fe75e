/**
 * `perflab preflight <stack>`: what the stack needs, checked against the cluster of the current
 * kubeconfig (or the stack's `kubernetes:kubeconfig` / `kubernetes:context`, or --kubeconfig /
 * --context) before `pulumi up`: API server version, CRDs present or installed by the stack (and
 * who owns them), metrics-server, schedulable nodes for placement, Gateway API CRDs against
 * linkerd-crds, chart versions in their repositories, images already on nodes. One table of
 * check / state / found / fix (or --json). Exit codes: PREFLIGHT_EXIT.
 */
import * as path from 'path';
import { Command, Option } from 'commander';
import { ConfigError } from '../../config/errors';
import { ChartRef, FetchText, fetchText, resolveCharts } from '../../cluster/chart-index';
import { Finding, runPreflight } from '../../cluster/preflight-checks';
import type { PreflightInventory } from '../../cluster/preflight-inventory';
import type { KubeInventoryOptions } from '../../cluster/kube-inventory';
import { StackFileError, readStackConfig, stackFilePath } from '../../cluster/stack-file';
import { synthesizeStack } from '../../cluster/synth-stack';
import { formatTable } from '../table';

/** Exit codes of `perflab preflight`. */
export const PREFLIGHT_EXIT = {
  /** No blocker (warnings and unverified rows allowed). */
  ok: 0,
  /** At least one blocker: `pulumi up` would fail. */
  blocker: 1,
  /** Bad input: unknown stack, invalid config, bad option. */
  badInput: 2,
  /** The API server could not be asked (no kubeconfig, unreachable, unauthorised): nothing was checked. */
  clusterUnreachable: 3,
} as const;

/** Options of runPreflightCommand. */
export interface PreflightCommandOptions {
  /** Folder holding Pulumi.yaml and stacks/. @default the current directory */
  readonly project?: string;
  /** Kubeconfig path (or text). @default the stack's kubernetes:kubeconfig, else $KUBECONFIG / ~/.kube/config */
  readonly kubeconfig?: string;
  /** Kubeconfig context. @default the stack's kubernetes:context, else the current context */
  readonly context?: string;
  /** Seconds to wait for each chart repository's index.yaml. @default 5 */
  readonly chartTimeoutSeconds?: number;
  /** Print JSON instead of the table. @default false */
  readonly json?: boolean;
  /** The cluster to ask. @default the kubeconfig's, through @kubernetes/client-node */
  readonly inventory?: (o: KubeInventoryOptions) => PreflightInventory;
  /** How index.yaml files are fetched. @default the global fetch */
  readonly fetch?: FetchText;
}

/** What the command printed and its exit code. */
export interface PreflightOutcome {
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exitCode: number;
  /** The findings (absent when nothing was checked). */
  readonly findings?: Finding[];
}

const STATE_LABEL: Record<Finding['state'], string> = { ok: 'ok', warning: 'WARNING', unverified: 'unverified', blocker: 'BLOCKER' };

/** The table of findings and a one-line verdict. */
export function formatFindings(findings: readonly Finding[]): string[] {
  const table = formatTable(['check', 'subject', 'state', 'found', 'fix'], findings.map((f) => [f.check, f.subject, STATE_LABEL[f.state], f.found, f.fix ?? '']));
  const count = (s: Finding['state']): number => findings.filter((f) => f.state === s).length;
  const blockers = count('blocker');
  const verdict = blockers
    ? `${blockers} blocker(s): pulumi up would fail; fix them first`
    : `no blocker (${count('warning')} warning(s), ${count('unverified')} unverified)`;
  return [table, verdict];
}

function defaultInventory(o: KubeInventoryOptions): PreflightInventory {
  // client-node 1.x is an ES module that jest cannot load: require it only on the real path.
  const { kubePreflightInventory } = require('../../cluster/kube-preflight-inventory') as typeof import('../../cluster/kube-preflight-inventory');
  return kubePreflightInventory(o);
}

/** The core of `perflab preflight`: checks `stack` against the cluster and returns what to print. */
export async function runPreflightCommand(stack: string, opts: PreflightCommandOptions = {}): Promise<PreflightOutcome> {
  const project = path.resolve(opts.project ?? '.');
  const timeout = opts.chartTimeoutSeconds ?? 5;
  let synthesis;
  let needs;
  try {
    if (!(timeout > 0)) throw new ConfigError([`--chart-timeout: ${JSON.stringify(opts.chartTimeoutSeconds)} is not allowed; give a number of seconds above 0`]);
    synthesis = synthesizeStack(stack, project);
    // Loaded with the experiments, as synthesizeStack loads them: not when the command is registered.
    const { preflightNeeds } = require('../../../experiments/preflight-needs') as typeof import('../../../experiments/preflight-needs');
    needs = preflightNeeds(synthesis);
  } catch (err) {
    if (!(err instanceof ConfigError) && !(err instanceof StackFileError)) throw err;
    return { stdout: [], stderr: [`perflab preflight ${stack}: ${err.message.replace(/\n/g, '\n  ')}`], exitCode: PREFLIGHT_EXIT.badInput };
  }
  const config = readStackConfig(stackFilePath(stack, project));
  const where: KubeInventoryOptions = { kubeconfig: opts.kubeconfig ?? config['kubernetes:kubeconfig'], context: opts.context ?? config['kubernetes:context'] };
  let inventory: PreflightInventory | undefined;
  let findings: Finding[];
  try {
    inventory = (opts.inventory ?? defaultInventory)(where);
    const fetch = opts.fetch ?? fetchText;
    findings = await runPreflight(needs, inventory, (charts: readonly ChartRef[]) => resolveCharts(charts, fetch, timeout * 1000));
  } catch (err) {
    const cluster = inventory?.describe() ?? 'the cluster of the kubeconfig';
    return { stdout: [], stderr: [`perflab preflight ${stack}: cannot ask ${cluster}: ${(err as Error).message}`], exitCode: PREFLIGHT_EXIT.clusterUnreachable };
  }
  const exitCode = findings.some((f) => f.state === 'blocker') ? PREFLIGHT_EXIT.blocker : PREFLIGHT_EXIT.ok;
  const head = `stack ${stack}: ${synthesis.spec.experiment.name}/${synthesis.spec.variant}, operators ${synthesis.options.operators}, against ${inventory.describe()}`;
  const stdout = opts.json
    ? [JSON.stringify({ stack, cluster: inventory.describe(), exitCode, blockers: findings.filter((f) => f.state === 'blocker').length, findings }, null, 2)]
    : [head, ...formatFindings(findings)];
  return { stdout, stderr: [], exitCode, findings };
}

/** Registers `preflight`. */
export function registerPreflight(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('preflight')
    .description('check a stack\'s needs against the cluster of the kubeconfig before pulumi up (exit 1 on a blocker, 3 when the cluster cannot be asked)')
    .argument('<stack>', 'stack name (reads stacks/Pulumi.<stack>.yaml)')
    .option('--project <dir>', 'folder holding Pulumi.yaml and stacks/', '.')
    .option('--kubeconfig <path>', 'kubeconfig file (default: the stack\'s kubernetes:kubeconfig, else $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: the stack\'s kubernetes:context, else the current one)')
    .addOption(new Option('--chart-timeout <seconds>', 'seconds to wait for each chart repository').default(5).argParser(Number))
    .option('--json', 'print the findings as JSON')
    .action(async (stack: string, o: { project: string; kubeconfig?: string; context?: string; chartTimeout: number; json?: boolean }) => {
      const outcome = await runPreflightCommand(stack, { project: o.project, kubeconfig: o.kubeconfig, context: o.context, chartTimeoutSeconds: o.chartTimeout, json: o.json });
      if (outcome.stdout.length) process.stdout.write(`${outcome.stdout.join('\n')}\n`);
      if (outcome.stderr.length) process.stderr.write(`${outcome.stderr.join('\n')}\n`);
      setExitCode(outcome.exitCode);
    });
}
