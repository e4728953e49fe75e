/**
 * What `perflab run` says when it is pointed somewhere it cannot go: an experiment that only runs
 * on a cluster, a cluster target (the stacks to `pulumi up`, by their real names), and a local
 * target's option whose value was bad (named by its flag, not the environment variable it travels in).
 */
import { Option } from 'commander';
import { ConfigError } from '../config/errors';
import { REPO_ROOT, listStacks, readStackConfig, stackFilePath } from '../cluster/stack-file';
import { LocalTarget } from '../local/local-target';
import { ProgressReporter } from '../local/progress';

/** Stacks under stacks/ whose `perflab:experiment` is `experiment`, sorted. */
export function stacksOf(experiment: string, root = REPO_ROOT): string[] {
  return listStacks(root).filter((s) => {
    try {
      return readStackConfig(stackFilePath(s, root))['perflab:experiment'] === experiment;
    } catch {
      return false; // an unreadable stack file is `perflab synth`'s to report
    }
  });
}

function pulumiHint(experiment: string): string {
  const stacks = stacksOf(experiment);
  if (!stacks.length) return `pulumi up --stack <stack> with perflab:experiment: ${experiment} (no stack file for it under stacks/ yet)`;
  return `pulumi up --stack <stack> — stacks of ${experiment}: ${stacks.join(', ')} (see docs/k3s.md)`;
}

/** `perflab run <experiment>` for an experiment with no local target. */
export function noLocalTarget(experiment: string, locals: readonly string[]): ConfigError {
  return new ConfigError([`perflab run ${experiment}: ${experiment} has no local target (it needs a cluster) — run it with ${pulumiHint(experiment)}; local targets exist for ${locals.join(', ')}`]);
}

/** `perflab run <experiment> --target <cluster>`. */
export function clusterTarget(experiment: string, target: string): ConfigError {
  return new ConfigError([`--target: ${JSON.stringify(target)} runs on a cluster through Pulumi: ${pulumiHint(experiment)}; perflab run takes --target local`]);
}

/** A local target's ConfigError with each environment variable of its options named by its flag instead. */
export function withFlagNames(err: ConfigError, target: LocalTarget): ConfigError {
  const options = target.options ?? [];
  const rename = (p: string): string => {
    for (const o of options) {
      if (p.startsWith(`${o.env}:`) || p.startsWith(`${o.env} `)) return `${new Option(o.flags).long}${p.slice(o.env.length)}`;
    }
    return p;
  };
  return new ConfigError(err.problems.map(rename));
}

/** A reporter that prints `banner` before its first line, so an error found before any work is not preceded by it. */
export function withBanner(progress: ProgressReporter, banner: string): ProgressReporter {
  let shown = false;
  const show = (): void => {
    if (!shown) progress.step(banner);
    shown = true;
  };
  return {
    step: (m) => (show(), progress.step(m)),
    update: (m) => (show(), progress.update(m)),
    done: () => progress.done(),
  };
}
