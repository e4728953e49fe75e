/** `perflab plan <stack>`: resources, policy verdicts and estimated cost of a stack, offline. */
import * as path from 'path';
import { Command } from 'commander';
import { ConfigError } from '../../config/errors';
import { StackFileError } from '../../cluster/stack-file';
import { PricingError } from '../../cost/errors';
import { StackPlan, planStack } from '../../plan/plan-stack';
import { formatFinding, formatSummary } from '../../policy/format';
import { formatTable } from '../table';

const usd = (n: number): string => (n >= 0.01 ? `$${n.toFixed(4)}` : `$${n.toPrecision(3)}`);

/** The plan as the lines `perflab plan` prints. */
export function formatPlan(p: StackPlan): string[] {
  const out: string[] = [];
  out.push(`stack ${p.stack}: experiment ${p.experiment}, variant ${p.variant}, target ${p.target}, run ${p.runId}`);
  out.push(`profile ${p.profile.name}: ${p.profile.seconds} s of load (+ ${p.profile.gracefulStopSeconds} s graceful stop)`);
  out.push('');
  const byName = new Map(p.cost.workloads.map((w) => [`${w.kind}/${w.name}`, w]));
  const row = (o: Record<string, unknown>, estimate: boolean): string[] => {
    const meta = (o.metadata ?? {}) as { name?: string; namespace?: string };
    const w = byName.get(`${String(o.kind)}/${meta.name}`);
    return [`${String(o.kind)}${estimate ? ' (estimate)' : ''}`, meta.name ?? '-', meta.namespace ?? '-', w ? String(w.pods) : '-', w ? w.cpuCores.toFixed(2) : '-', w ? w.memoryGiB.toFixed(2) : '-', w ? usd(w.perHour) : '-'];
  };
  const rows = [...p.objects.map((o) => row(o, false)), ...p.estimated.map((o) => row(o, true))];
  out.push(formatTable(['kind', 'name', 'namespace', 'pods', 'cpu', 'mem GiB', 'per hour'], rows));
  for (const x of p.pulumiOnly) out.push(`+ ${x}`);
  out.push('');
  out.push(`policy: ${formatSummary(p.policy.findings, p.policy.objectCount)}`);
  for (const f of p.policy.findings) out.push(`  ${formatFinding(f)}`);
  out.push('');
  out.push(
    `estimated cost (${p.cost.pricing}, prices of ${p.cost.pricingDate}): ${usd(p.cost.perHour)}/hour while it runs ` +
      `(cpu ${usd(p.cost.breakdown.cpu)}, memory ${usd(p.cost.breakdown.memory)}, storage ${usd(p.cost.breakdown.storage)}); ` +
      `one run ≈ ${usd(p.perRun)}`,
  );
  for (const a of p.cost.assumptions) out.push(`  assumption: ${a}`);
  return out;
}

/** Registers `plan`. */
export function registerPlan(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('plan')
    .description('resources, policy verdicts and estimated hourly and per-run cost of a stack (no cluster, no account)')
    .argument('<stack>', 'stack name, e.g. runtime-go (reads stacks/Pulumi.<stack>.yaml)')
    .option('--project <dir>', 'folder holding Pulumi.yaml and stacks/', '.')
    .option('--pricing <name>', 'pricing model from src/cost/pricing-data.json', 'opencost-default')
    .action((stack: string, opts: { project: string; pricing: string }) => {
      try {
        const plan = planStack(stack, path.resolve(opts.project), { pricing: opts.pricing });
        process.stdout.write(`${formatPlan(plan).join('\n')}\n`);
        if (plan.policy.mandatory > 0) setExitCode(1);
      } catch (err) {
        if (!(err instanceof ConfigError) && !(err instanceof StackFileError) && !(err instanceof PricingError)) throw err;
        process.stderr.write(`perflab plan ${stack}: ${err.message.replace(/\n/g, '\n  ')}\n`);
        setExitCode(2);
      }
    });
}
