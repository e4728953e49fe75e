/**
 * The runtime table measured through perflab's native driver and through wrk, back to back
 * (a benchmark, not a test — re-run it on a quiet machine):
 *
 *   npx ts-node --transpile-only experiments/runtime/reference/cli.ts [--variants go,node,rust,bun] [--rounds 3] [--seconds 5] [--connections 8] [--cpus server=0,driver=1]
 *
 * Prints a Markdown table of medians, native/wrk ratios and ×node ratios through each tool, with
 * the placement and the machine's load average. Variants whose toolchain is missing are left out.
 */
import { availableCpus, defaultPlacement, parseCpusOption } from '../../../src/local/cpu-affinity';
import { toolchainVersion } from '../../../src/local/commands';
import { RuntimeVariantName } from '../variant-spec';
import { runtimeVariants } from '../variants';
import { measureAgainstWrk } from './alternating';
import { againstWrkTable } from './table';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const asked = arg('variants', 'go,node,rust,bun').split(',') as RuntimeVariantName[];
  const variants = asked.filter((v) => {
    const here = runtimeVariants[v] && toolchainVersion(runtimeVariants[v].toolchain) !== undefined;
    if (!here) process.stderr.write(`${v}: skipped (toolchain missing or unknown variant)\n`);
    return here;
  });
  const cpus = process.argv.includes('--cpus') ? parseCpusOption(arg('cpus', 'off')) : defaultPlacement(availableCpus());
  const m = await measureAgainstWrk({
    variants,
    rounds: Number(arg('rounds', '3')),
    seconds: Number(arg('seconds', '5')),
    connections: Number(arg('connections', '8')),
    placement: cpus,
    onRun: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${againstWrkTable(m)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
