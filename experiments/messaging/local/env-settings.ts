/**
 * Messaging settings for `perflab run messaging --target local`, read from the environment
 * until the CLI grows options for them: each key `k` of the messaging config is
 * `PERFLAB_MQ_<K in SCREAMING_SNAKE>` (messageSize → PERFLAB_MQ_MESSAGE_SIZE), validated by the
 * same schema as `perflab:<k>`; PERFLAB_MQ_SCENARIO takes a list (`all` by default).
 */
import { z } from 'zod';
import { ConfigError, describeIssue } from '../../../src/config/errors';
import { MessagingSettings, messagingConfigShape } from '../config';
import { Scenario, parseScenarioList } from '../scenarios';

/** Environment variable prefix of the messaging settings. */
export const ENV_PREFIX = 'PERFLAB_MQ_';

/** `messageSize` → `PERFLAB_MQ_MESSAGE_SIZE`. */
export function envName(key: string): string {
  return ENV_PREFIX + key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Settings and scenarios for a local run. */
export interface LocalMessagingConfig {
  readonly settings: MessagingSettings;
  readonly scenarios: Scenario[];
}

/** Reads and validates the PERFLAB_MQ_* variables; throws one ConfigError naming every bad one. */
export function localConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LocalMessagingConfig {
  const raw: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  for (const key of Object.keys(messagingConfigShape)) {
    if (key === 'scenario') continue;
    const v = env[envName(key)];
    if (v !== undefined && v !== '') {
      raw[key] = v;
      names[key] = envName(key);
    }
  }
  const problems: string[] = [];
  const { scenario: _scenario, ...shape } = messagingConfigShape;
  void _scenario;
  const parsed = z.object(shape).strict().safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      problems.push(describeIssue({ ...issue, path: issue.path.slice(1) } as z.core.$ZodIssue, raw[key], names[key] ?? key));
    }
  }
  let scenarios: Scenario[] = [];
  try {
    scenarios = parseScenarioList(env[envName('scenario')] ?? 'all', envName('scenario'));
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  return { settings: { ...parsed.data, scenario: scenarios[0] }, scenarios };
}
