/**
 * `perflab synth <stack...>` (or `--all`): the Kubernetes manifests a stack would apply, with no
 * cluster and no Pulumi; each stack in turn, the exit code the worst of theirs. Reads
 * stacks/Pulumi.<stack>.yaml, validates its config (exit 2 on a bad value, with the message
 * `pulumi up` would give), validates the objects offline against the Kubernetes and
 * CRD schemas (exit 1 when any is invalid, and nothing is written), then writes them atomically
 * to dist/<stack>/manifests.yaml and prints a summary.
 */
import * as path from 'path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { ConfigError } from '../../config/errors';
import { STACKS_DIR, StackFileError, listStacks } from '../../cluster/stack-file';
import { synthesizeStack } from '../../cluster/synth-stack';
import { formatProblem, validateManifests } from '../../cluster/validate-manifests';
import { profileDurationSeconds } from '../../load/profile';
import { writeFileAtomic } from '../../results/store';

/** File name of the manifests under dist/<stack>/. */
export const MANIFESTS_FILE = 'manifests.yaml';

type Obj = Record<string, unknown> & { kind?: unknown; metadata?: { labels?: Record<string, string> } };

/**
 * What drives the load, read from the manifests (objects labelled component=load-generator):
 * `k6 as a Job`, `db-bench as a Job`, `k6 as 4 Jobs`, `k6 as a TestRun with 2 runner(s)`.
 */
export function loadRunner(objects: readonly Obj[], options: { parallelism: number }): string {
  const runners = objects.filter((o) => o.metadata?.labels?.['app.kubernetes.io/component'] === 'load-generator' && (o.kind === 'Job' || o.kind === 'TestRun'));
  if (!runners.length) return 'no load generator';
  const byTool = new Map<string, { kind: string; count: number }>();
  for (const o of runners) {
    const tool = o.metadata?.labels?.['app.kubernetes.io/name'] ?? (o.kind === 'TestRun' ? 'k6' : 'load');
    const entry = byTool.get(tool) ?? { kind: String(o.kind), count: 0 };
    entry.count += 1;
    byTool.set(tool, entry);
  }
  return [...byTool].map(([tool, { kind, count }]) => {
    const what = count === 1 ? `a ${kind}` : `${count} ${kind}s`;
    return `${tool} as ${what}${kind === 'TestRun' ? ` with ${options.parallelism} runner(s)` : ''}`;
  }).join(', ');
}

/** Synthesizes, validates and (when valid) writes one stack; returns its exit code. */
function synthOne(stack: string, opts: { project: string; out: string }): number {
  let synthesis;
  try {
    synthesis = synthesizeStack(stack, path.resolve(opts.project));
  } catch (err) {
    if (!(err instanceof ConfigError) && !(err instanceof StackFileError)) throw err;
    const what = err instanceof ConfigError ? 'invalid configuration' : 'cannot read the stack';
    process.stderr.write(`perflab synth ${stack}: ${what}\n  ${err.message.replace(/\n/g, '\n  ')}\n`);
    return 2; // bad input
  }
  const file = path.join(path.resolve(opts.out, stack), MANIFESTS_FILE);
  const shown = path.relative(process.cwd(), file) || file;
  const report = validateManifests(synthesis.objects);
  const { spec, options } = synthesis;
  const lines = [
    `stack ${stack}: ${spec.experiment.name}/${spec.variant} on ${spec.target}, namespace ${spec.namespace}, run ${synthesis.runId}`,
    `load: profile ${spec.profile.name}, ${profileDurationSeconds(spec.profile)} s, ${loadRunner(synthesis.objects as Obj[], options)}, placement ${options.placement}`,
    ...synthesis.objects.map((o) => `  ${String(o.kind)}/${String((o.metadata as { name?: string }).name)}`),
  ];
  if (report.problems.length) {
    process.stdout.write(`${lines.join('\n')}\n`);
    process.stderr.write(
      `perflab synth ${stack}: ${report.problems.length} problem(s) in the manifests (nothing written to ${shown}):\n${report.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`,
    );
    return 1; // failed check
  }
  const header = `# perflab synth ${stack}: run ${synthesis.runId}. Generated; change stacks/Pulumi.${stack}.yaml instead.\n`;
  writeFileAtomic(file, header + synthesis.objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'));
  lines.push(`wrote ${synthesis.objects.length} objects to ${shown}`, `validated ${report.checked} objects offline: all valid`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** Registers `synth`. */
export function registerSynth(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('synth')
    .description('write and validate the Kubernetes manifests stacks would apply (no cluster, no Pulumi)')
    .argument('[stacks...]', 'stack names, e.g. runtime-go (reads stacks/Pulumi.<stack>.yaml)')
    .option('--all', 'every stack under <project>/stacks/')
    .option('--project <dir>', 'folder holding Pulumi.yaml and stacks/', '.')
    .option('--out <dir>', 'output folder; manifests go to <out>/<stack>/', 'dist')
    .action((stacks: string[], opts: { all?: boolean; project: string; out: string }) => {
      if (opts.all && stacks.length) throw new ConfigError([`--all: synthesizes every stack; drop it or the stack names (${stacks.join(', ')})`]);
      const names = opts.all ? listStacks(path.resolve(opts.project)) : stacks;
      if (!names.length) {
        throw new ConfigError([opts.all ? `--all: no stack files under ${path.join(path.resolve(opts.project), STACKS_DIR)}` : 'synth: name a stack (e.g. runtime-go) or give --all']);
      }
      const codes = names.map((stack) => synthOne(stack, opts));
      if (names.length > 1) {
        const bad = names.filter((_, i) => codes[i] !== 0);
        process.stdout.write(`${names.length - bad.length} of ${names.length} stacks synthesized and valid${bad.length ? `; failed: ${bad.join(', ')}` : ''}\n`);
      }
      setExitCode(Math.max(...codes));
    });
}
