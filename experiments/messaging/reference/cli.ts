/**
 * perflab vs the brokers' reference tools, from the command line (a benchmark, not a test):
 *
 *   npx ts-node --transpile-only experiments/messaging/reference/cli.ts [--variants nats,rabbitmq,kafka] [--rounds 3] [--seconds 10]
 *
 * Starts each broker as `perflab run messaging --target local` does, runs fixed-rate (1000 msg/s)
 * and max-throughput through perflab and through PerfTest / nats bench / Kafka's ProducerPerformance in alternating rounds,
 * and prints a Markdown table of medians and ratios with the machine's load average.
 */
import * as os from 'os';
import { localBrokerSpecs } from '../local/brokers';
import { buildHarness } from '../local/harness-binary';
import { ComparedScenario, comparisonRows, compareAlternating } from './alternating';
import { REFERENCE_INSTALL_HINT, kafkaToolsLib, natsCli, perfTestLib } from './tools';

/** Each variant's reference tool, when installed. */
const referenceTools = { rabbitmq: perfTestLib, nats: natsCli, kafka: kafkaToolsLib } as const;
type Variant = keyof typeof referenceTools;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const variants = arg('variants', 'nats,rabbitmq,kafka').split(',') as Variant[];
  const unknown = variants.filter((v) => !(v in referenceTools));
  if (unknown.length) throw new Error(`--variants: ${unknown.join(', ')} unknown (allowed: ${Object.keys(referenceTools).join(', ')})`);
  const rounds = Number(arg('rounds', '3'));
  const seconds = Number(arg('seconds', '10'));
  const scenarios = arg('scenarios', 'fixed-rate,max-throughput').split(',') as ComparedScenario[];
  const missing = variants.filter((v) => !referenceTools[v]());
  if (missing.length) throw new Error(`reference tools missing for ${missing.join(', ')}: ${REFERENCE_INSTALL_HINT}`);
  const harness = await buildHarness();
  const rows: string[] = [];
  const started = new Date().toISOString();
  const load0 = os.loadavg()[0];
  for (const variant of variants) {
    const spec = localBrokerSpecs[variant];
    const version = spec.installedVersion();
    if (!version) throw new Error(`${variant}: ${spec.missing().what} is not installed: ${spec.missing().hint}`);
    const broker = await spec.create();
    try {
      await broker.start();
      for (const scenario of scenarios) {
        const c = await compareAlternating({
          broker,
          brokerVersion: version,
          harness,
          scenario,
          rounds,
          seconds,
          onRun: (side, round, f) => process.stderr.write(`${variant} ${scenario} round ${round} ${side}: ${JSON.stringify(f)} (load ${os.loadavg()[0].toFixed(2)})\n`),
        });
        for (const r of c.results) for (const n of r.notes.filter((x) => /pacing|fell behind/.test(x))) process.stderr.write(`  ${n}\n`);
        rows.push(...comparisonRows(c));
      }
    } finally {
      await broker.stop();
    }
  }
  console.log(`${rounds} alternating rounds × ${seconds} s per side, started ${started}; 1-min load average ${load0.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (${os.cpus().length} cores)\n`);
  console.log('| broker | scenario | metric | perflab (median) | reference (median) | reference tool | ratio | spread |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
