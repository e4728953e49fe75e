/**
 * The messaging experiment on the local target (`perflab run messaging --target local`):
 * for each variant whose broker is installed, start a throwaway broker (temp folder, free
 * ports on 127.0.0.1), run every requested scenario through mqbench, store one RunResult per
 * scenario run, and stop the broker and remove its folder whatever happens. A variant whose
 * broker is missing is skipped with the command that installs it (an error when it was asked
 * for by name). Settings come from PERFLAB_MQ_* (local/env-settings.ts).
 */
import { ConfigError } from '../../src/config/errors';
import { LocalRunOptions, LocalTarget, MissingToolchainError, VariantOutcome } from '../../src/local/local-target';
import { localEnvironment } from '../../src/results/environment';
import { RunResult } from '../../src/results/run-result';
import { writeRunResult } from '../../src/results/store';
import { MESSAGING_VARIANTS, MessagingVariant, messagingExperiment } from './experiment';
import { localBrokerSpecs } from './local/brokers';
import { envName, localConfigFromEnv } from './local/env-settings';
import { GO_INSTALL_HINT, buildHarness, harnessAvailable, usableGo } from './local/harness-binary';
import { LocalBroker } from './local/local-broker';
import { RunAbortedError, runLocalScenario } from './local/run-scenario';
import { scenarioRuns } from './scenarios';
import { storageProblems } from './storage-axes';
import { HARNESS_VERSION } from './versions';

/** Runs the messaging experiment locally; one outcome per variant considered. */
export async function runMessagingLocal(opts: LocalRunOptions): Promise<VariantOutcome[]> {
  const { settings, scenarios } = localConfigFromEnv();
  const explicit = opts.variants !== undefined;
  const names = (opts.variants ?? MESSAGING_VARIANTS) as readonly MessagingVariant[];
  // Storage the configured scenarios cannot run with (persistence off on quorum queues) stops the run before any broker starts.
  const envKeys = { persistence: envName('persistence'), queueType: envName('rabbitmqQueueType') };
  const usesConfiguredStorage = scenarios.some((s) => s !== 'persistence');
  const storageErrors = usesConfiguredStorage ? names.flatMap((broker) => storageProblems({ broker, persistence: settings.persistence, queueType: settings.rabbitmqQueueType }, envKeys)) : [];
  if (storageErrors.length) throw new ConfigError(storageErrors);
  const versions = new Map(names.map((n) => [n, localBrokerSpecs[n].installedVersion()]));
  const missing = names.filter((n) => versions.get(n) === undefined);
  if (explicit && missing.length) throw new MissingToolchainError(missing.map((n) => ({ variant: n, hint: localBrokerSpecs[n].missing().hint })));
  if (explicit && !harnessAvailable()) throw new MissingToolchainError(names.map((n) => ({ variant: n, hint: GO_INSTALL_HINT })));

  const outcomes: VariantOutcome[] = [];
  const skip = (variant: MessagingVariant, reason: string): void => {
    opts.progress.step(`[${variant}] skipped: ${reason}`);
    outcomes.push({ variant, status: 'skipped', reason, results: [], files: [] });
  };
  let runnable: MessagingVariant[] = [];
  for (const n of names) {
    if (versions.get(n) === undefined) {
      const { what, hint } = localBrokerSpecs[n].missing();
      skip(n, `${what} is not installed — ${hint}`);
    } else runnable.push(n);
  }
  if (runnable.length && !harnessAvailable()) {
    for (const n of runnable) skip(n, GO_INSTALL_HINT);
    runnable = [];
  }
  if (runnable.length === 0) return outcomes;

  opts.progress.step(`building mqbench (${usableGo() ?? 'prebuilt'}); scenarios: ${scenarios.join(', ')}`);
  let harness: string;
  try {
    harness = await buildHarness();
  } catch (err) {
    for (const n of runnable) outcomes.push({ variant: n, status: 'failed', reason: (err as Error).message, results: [], files: [] });
    return outcomes;
  }
  for (const variant of runnable) {
    if (opts.signal?.aborted) break;
    outcomes.push(await runVariant(variant, harness, versions.get(variant) as string, settings, scenarios, opts));
  }
  return outcomes;
}

async function runVariant(
  variant: MessagingVariant,
  harness: string,
  version: string,
  settings: ReturnType<typeof localConfigFromEnv>['settings'],
  scenarios: ReturnType<typeof localConfigFromEnv>['scenarios'],
  opts: LocalRunOptions,
): Promise<VariantOutcome> {
  const spec = localBrokerSpecs[variant];
  const results: RunResult[] = [];
  const files: string[] = [];
  const environment = localEnvironment('local', { [variant]: version, mqbench: HARNESS_VERSION });
  let broker: LocalBroker | undefined;
  try {
    broker = await spec.create({ natsSyncInterval: settings.natsSyncInterval });
    opts.progress.step(`[${variant}] starting ${spec.description} (${version})`);
    const coldStartMs = await broker.start();
    opts.progress.step(`[${variant}] up in ${coldStartMs.toFixed(0)} ms on ${broker.url.replace(/\/\/[^@]*@/, '//')}`);
    for (const scenario of scenarios) {
      // Repeats in rounds: the persistence scenario alternates which of on and off runs first.
      for (let i = 0; i < (opts.repeat ?? 1); i++) {
        for (const run of scenarioRuns(scenario, settings, i)) {
          if (opts.signal?.aborted) throw new RunAbortedError();
          const result = await runLocalScenario({ broker, brokerColdStartMs: coldStartMs, brokerVersion: version, harness, run, settings, profile: opts.profile, environment, progress: opts.progress, label: opts.label, signal: opts.signal });
          results.push(result);
          files.push(writeRunResult(opts.resultsDir, result));
          opts.progress.step(`[${variant} ${run.name}] ${result.throughput.messagesPerSecond} msg/s acked, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors.total}`);
        }
      }
    }
    return { variant, status: 'measured', results, files };
  } catch (err) {
    const reason = err instanceof RunAbortedError ? 'interrupted: the partial run is not stored' : (err as Error).message;
    opts.progress.step(`[${variant}] ${err instanceof RunAbortedError ? 'aborted' : 'failed'}: ${reason}`);
    return { variant, status: 'failed', reason, results, files };
  } finally {
    await broker?.stop();
  }
}

/** The messaging experiment's local target. */
export const messagingLocalTarget: LocalTarget = {
  experiment: messagingExperiment.name,
  loadTool: 'the mqbench harness',
  options: [
    { flags: '--scenario <list>', description: 'comma-separated, or all: max-throughput, fixed-rate, fan-out, persistence, recovery', env: envName('scenario') },
    { flags: '--message-size <bytes>', description: 'payload bytes per message (≥ 20)', env: envName('messageSize') },
    { flags: '--producer-rate <msgs/s>', description: 'peak messages/s across producers; 0 = unthrottled', env: envName('producerRate') },
    { flags: '--producers <n>', description: 'producer connections', env: envName('producers') },
    { flags: '--consumers <n>', description: 'consumer connections per subscription', env: envName('consumers') },
    { flags: '--partitions <n>', description: 'Kafka partitions / RabbitMQ queues / NATS subjects', env: envName('partitions') },
    { flags: '--fan-out <n>', description: 'subscriptions in the fan-out scenario', env: envName('fanOut') },
    { flags: '--persistence <true|false>', description: 'RabbitMQ durable queue + persistent messages / NATS file storage / Kafka acks=all, idempotent (false: transient, memory, acks=1)', env: envName('persistence') },
    { flags: '--queue-type <classic|quorum|stream>', description: 'RabbitMQ queue type (quorum and stream need persistence true)', env: envName('rabbitmqQueueType') },
    { flags: '--nats-sync-interval <default|always|duration>', description: 'NATS file store sync (nats-server ≥ 2.10)', env: envName('natsSyncInterval') },
    { flags: '--max-in-flight <n>', description: 'unacknowledged publishes per producer', env: envName('maxInFlight') },
    { flags: '--fault-at <seconds>', description: 'recovery scenario: when the broker is killed', env: envName('faultAtSeconds') },
  ],
  run: runMessagingLocal,
};
