/**
 * The five messaging scenarios and how each shapes the one workload definition: which rate,
 * how many subscriptions, which storage (persistence and RabbitMQ queue type), and whether a
 * broker is killed. Every scenario but `persistence` runs the configured storage (by default
 * RabbitMQ quorum queues with persistent messages, NATS file storage, Kafka acks=all);
 * `persistence` varies persistence alone, on RabbitMQ classic queues (quorum queues and
 * streams cannot run without it), alternating which of on and off runs first.
 */
import { RabbitmqQueueType } from './storage-axes';

/** Scenario names (`perflab:scenario`, `PERFLAB_MQ_SCENARIO`). */
export const SCENARIOS = ['max-throughput', 'fixed-rate', 'fan-out', 'persistence', 'recovery'] as const;
/** One scenario. */
export type Scenario = (typeof SCENARIOS)[number];

/** One run of a scenario (the persistence scenario has two: on and off). */
export interface ScenarioRun {
  readonly scenario: Scenario;
  /** Suffix of the run's label and id, e.g. `max-throughput`, `persistence-off`. */
  readonly name: string;
  /** Unthrottled (as fast as the in-flight window allows) instead of the configured rate. */
  readonly unthrottled: boolean;
  /** Subscriptions receiving every message (1 unless fan-out). */
  readonly subscriptions: number;
  /** Persistence of this run. */
  readonly persistence: boolean;
  /** RabbitMQ queue type of this run (the other brokers ignore it). */
  readonly queueType: RabbitmqQueueType;
  /** Whether a broker is killed mid-run. */
  readonly fault: boolean;
}

/** What the scenarios read from the settings. */
export interface ScenarioInputs {
  readonly fanOut: number;
  readonly persistence: boolean;
  readonly rabbitmqQueueType: RabbitmqQueueType;
}

/** One line per scenario, for help and the README. */
export const SCENARIO_DESCRIPTIONS: Readonly<Record<Scenario, string>> = {
  'max-throughput': 'producers publish as fast as broker acks allow (in-flight window per producer)',
  'fixed-rate': 'p99 at a fixed rate: producerRate messages/s following the profile shape',
  'fan-out': 'one stream of messages delivered to fanOut subscriptions (1→N), at producerRate',
  persistence: 'the fixed-rate workload with persistence on and off (RabbitMQ: classic queues), alternating which runs first',
  recovery: 'fixed rate while a broker is killed mid-run: time back to steady state, acked messages lost',
};

/** The runs a scenario consists of in repeat `round` (0, 1, ...: persistence alternates its order). */
export function scenarioRuns(scenario: Scenario, s: ScenarioInputs, round = 0): ScenarioRun[] {
  const base = { scenario, name: scenario as string, unthrottled: false, subscriptions: 1, persistence: s.persistence, queueType: s.rabbitmqQueueType, fault: false };
  switch (scenario) {
    case 'max-throughput':
      return [{ ...base, unthrottled: true }];
    case 'fixed-rate':
      return [base];
    case 'fan-out':
      return [{ ...base, subscriptions: s.fanOut }];
    case 'persistence': {
      const on = { ...base, name: 'persistence-on', persistence: true, queueType: 'classic' as const };
      const off = { ...base, name: 'persistence-off', persistence: false, queueType: 'classic' as const };
      return round % 2 === 0 ? [on, off] : [off, on];
    }
    case 'recovery':
      return [{ ...base, fault: true }];
  }
}

/** Parses a scenario list (`all`, or comma-separated names); throws naming the bad name. */
export function parseScenarioList(text: string, source: string): Scenario[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0 || names.includes('all')) return [...SCENARIOS];
  const bad = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (bad.length) throw new Error(`${source}: ${bad.map((b) => JSON.stringify(b)).join(', ')} is not one of all, ${SCENARIOS.join(', ')}`);
  return [...new Set(names)] as Scenario[];
}
