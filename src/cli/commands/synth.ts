/**
 * `perflab synth <stack>`: the Kubernetes manifests a stack would apply, with no cluster and no
 * Pulumi. Reads stacks/Pulumi.<stack>.yaml, validates its config (exit 2 on a bad value, with
 * the message `pulumi up` would give), writes the objects to dist/<stack>/manifests.yaml,
 * validates them offline against the Kubernetes and CRD schemas (exit 1 when any is invalid)
 * and prints a summary.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { ConfigError } from '../../config/errors';
import { StackFileError } from '../../cluster/stack-file';
import { synthesizeStack } from '../../cluster/synth-stack';
import { formatProblem, validateManifests } from '../../cluster/validate-manifests';
import { profileDurationSeconds } from '../../load/profile';

/** File name of the manifests under dist/<stack>/. */
export const MANIFESTS_FILE = 'manifests.yaml';

/** Registers `synth`. */
export function registerSynth(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('synth')
    .description('write and validate the Kubernetes manifests a stack would apply (no cluster, no Pulumi)')
    .argument('<stack>', 'stack name, e.g. runtime-go (reads stacks/Pulumi.<stack>.yaml)')
    .option('--project <dir>', 'folder holding Pulumi.yaml and stacks/', '.')
    .option('--out <dir>', 'output folder; manifests go to <out>/<stack>/', 'dist')
    .action((stack: string, opts: { project: string; out: string }) => {
      let synthesis;
      try {
        synthesis = synthesizeStack(stack, path.resolve(opts.project));
      } catch (err) {
        if (!(err instanceof ConfigError) && !(err instanceof StackFileError)) throw err;
        const what = err instanceof ConfigError ? 'invalid configuration' : 'cannot read the stack';
        process.stderr.write(`perflab synth ${stack}: ${what}\n  ${err.message.replace(/\n/g, '\n  ')}\n`);
        setExitCode(2); // bad input
        return;
      }
      const dir = path.resolve(opts.out, stack);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, MANIFESTS_FILE);
      const header = `# perflab synth ${stack}: run ${synthesis.runId}. Generated; change stacks/Pulumi.${stack}.yaml instead.\n`;
      fs.writeFileSync(file, header + synthesis.objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'));

      const report = validateManifests(synthesis.objects);
      const { spec, options } = synthesis;
      const lines = [
        `stack ${stack}: ${spec.experiment.name}/${spec.variant} on ${spec.target}, namespace ${spec.namespace}, run ${synthesis.runId}`,
        `load: profile ${spec.profile.name}, ${profileDurationSeconds(spec.profile)} s, k6 as a ${options.k6Mode === 'job' ? 'Job' : `TestRun with ${options.parallelism} runner(s)`}, placement ${options.placement}`,
        ...synthesis.objects.map((o) => `  ${String(o.kind)}/${String((o.metadata as { name?: string }).name)}`),
        `wrote ${synthesis.objects.length} objects to ${path.relative(process.cwd(), file) || file}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      if (report.problems.length) {
        process.stderr.write(`perflab synth ${stack}: ${report.problems.length} problem(s) in the manifests:\n${report.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
        setExitCode(1); // failed check
        return;
      }
      process.stdout.write(`validated ${report.checked} objects offline: all valid\n`);
    });
}
