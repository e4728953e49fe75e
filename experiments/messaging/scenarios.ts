/**
 * The five messaging scenarios and how each shapes the one workload definition: which rate,
 * how many subscriptions, which persistence setting(s), and whether a broker is killed.
 */

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
  /** Whether a broker is killed mid-run. */
  readonly fault: boolean;
}

/** What the scenarios read from the settings. */
export interface ScenarioInputs {
  readonly fanOut: number;
  readonly persistence: boolean;
}

/** One line per scenario, for help and the README. */
export const SCENARIO_DESCRIPTIONS: Readonly<Record<Scenario, string>> = {
  'max-throughput': 'producers publish as fast as broker acks allow (in-flight window per producer)',
  'fixed-rate': 'p99 at a fixed rate: producerRate messages/s following the profile shape',
  'fan-out': 'one stream of messages delivered to fanOut subscriptions (1→N), at producerRate',
  persistence: 'the fixed-rate workload twice, persistence on and off, on the same broker',
  recovery: 'fixed rate while a broker is killed mid-run: time back to steady state, acked messages lost',
};

/** The runs a scenario consists of. */
export function scenarioRuns(scenario: Scenario, s: ScenarioInputs): ScenarioRun[] {
  const base = { scenario, name: scenario as string, unthrottled: false, subscriptions: 1, persistence: s.persistence, fault: false };
  switch (scenario) {
    case 'max-throughput':
      return [{ ...base, unthrottled: true }];
    case 'fixed-rate':
      return [base];
    case 'fan-out':
      return [{ ...base, subscriptions: s.fanOut }];
    case 'persistence':
      return [
        { ...base, name: 'persistence-on', persistence: true },
        { ...base, name: 'persistence-off', persistence: false },
      ];
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
