/** How many operations a run counted, in the unit its cost per 1M is quoted in. */
import { RunResult } from '../results/run-result';

/** What an experiment counts: requests, transactions or messages. */
export type ThroughputUnit = 'requests' | 'transactions' | 'messages';

/**
 * Operations counted in `unit`; without a unit, the first of transactions, messages, requests the
 * run reports (a database run counts transactions, a messaging run messages, an HTTP run requests).
 */
export function runOperations(result: Pick<RunResult, 'throughput'>, unit?: ThroughputUnit): { unit: ThroughputUnit; count: number } | undefined {
  const t = result.throughput;
  const counts: Record<ThroughputUnit, number | undefined> = {
    transactions: t.totalTransactions,
    messages: t.totalMessages,
    requests: t.totalRequests,
  };
  if (unit) return counts[unit] === undefined ? undefined : { unit, count: counts[unit] as number };
  for (const u of ['transactions', 'messages', 'requests'] as const) {
    if (counts[u] !== undefined) return { unit: u, count: counts[u] as number };
  }
  return undefined;
}
