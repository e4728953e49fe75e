/**
 * `perflab validate <file|dir...>`: schema validation of any manifests, as strict as the API
 * server with strict field validation — the Kubernetes OpenAPI for core kinds, the shipped CRD
 * schemas (schemas/crds) for custom kinds, unknown fields with a did-you-mean, DNS-1123 names,
 * containers without an image (src/cluster/validate-manifests.ts). `perflab check` runs the policy
 * rules; this runs the schemas. One line per problem (`<file>: Kind/name: <path>: <message>`), then
 * a count. Exit 1 when any object is invalid, 2 when a path cannot be read as manifests.
 */
import * as path from 'path';
import { Command } from 'commander';
import { formatProblem, validateManifests } from '../../cluster/validate-manifests';
import { ManifestInputError, loadManifestFiles } from '../../policy/load-manifests';
import { Manifest } from '../../policy/types';

/** What runValidate produced: the lines to print and the exit code. */
export interface ValidateOutcome {
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exitCode: number;
}

/** The core of `perflab validate`: validates every manifest under `targets`. */
export function runValidate(targets: readonly string[]): ValidateOutcome {
  let files: Array<{ file: string; objects: Manifest[] }>;
  try {
    files = targets.flatMap((t) => loadManifestFiles(t));
  } catch (err) {
    if (!(err instanceof ManifestInputError)) throw err;
    return { stdout: [], stderr: [`perflab validate: ${err.message}`], exitCode: 2 };
  }
  const stdout: string[] = [];
  let objects = 0;
  let problems = 0;
  const invalid = new Set<string>();
  for (const { file, objects: objs } of files) {
    const report = validateManifests(objs);
    objects += report.checked;
    problems += report.problems.length;
    const shown = path.relative(process.cwd(), file) || file;
    for (const p of report.problems) {
      invalid.add(`${file}\0${p.object}`);
      stdout.push(`${shown}: ${formatProblem(p)}`);
    }
  }
  const where = `${files.length} file${files.length === 1 ? '' : 's'}`;
  stdout.push(problems ? `${problems} problem(s) in ${invalid.size} of ${objects} objects (${where})` : `${objects} objects valid (${where})`);
  return { stdout, stderr: [], exitCode: problems ? 1 : 0 };
}

/** Registers `validate`. */
export function registerValidate(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('validate')
    .description('validate manifest files against the Kubernetes and CRD schemas, as strictly as the API server (policy rules: perflab check)')
    .argument('<paths...>', 'YAML/JSON manifest files or directories (read recursively)')
    .action((paths: string[]) => {
      const outcome = runValidate(paths);
      if (outcome.stdout.length) process.stdout.write(`${outcome.stdout.join('\n')}\n`);
      if (outcome.stderr.length) process.stderr.write(`${outcome.stderr.join('\n')}\n`);
      setExitCode(outcome.exitCode);
    });
}
