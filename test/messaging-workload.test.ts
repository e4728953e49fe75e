/**
 * The messaging experiment's config keys, the scenarios, how a LoadProfile maps to the
 * producer schedule, the one workload definition, and the PERFLAB_MQ_* settings of local runs.
 */
import { defaultMessagingSettings } from '../experiments/messaging/config';
import { localConfigFromEnv, envName } from '../experiments/messaging/local/env-settings';
import { SCENARIOS, parseScenarioList, scenarioRuns } from '../experiments/messaging/scenarios';
import { RECOVERY_MIN_SECONDS, buildWorkload, rateSchedule, scheduleSeconds } from '../experiments/messaging/workload';
import { ConfigError } from '../src/config/errors';
import { parseExperimentConfig } from '../src/config/spec';

const spec = (extra: Record<string, unknown> = {}) => parseExperimentConfig({ experiment: 'messaging', variant: 'rabbitmq', target: 'k3s', ...extra });
const problems = (extra: Record<string, unknown>): string => {
  try {
    spec(extra);
    return 'valid';
  } catch (err) {
    return (err as Error).message;
  }
};
const target = { broker: 'nats' as const, url: 'nats://127.0.0.1:4222', topic: 'perflab-t', replicationFactor: 1, createTopology: true, connectSeconds: 30, sampleMillis: 250 };

describe('messaging config', () => {
  it('has defaults for every key', () => {
    expect(spec().settings).toMatchObject({
      scenario: 'max-throughput',
      messageSize: 1024,
      producerRate: 1000,
      producers: 1,
      consumers: 1,
      partitions: 1,
      fanOut: 4,
      persistence: true,
      replicationFactor: 3,
      brokers: 3,
      rabbitmqQueueType: 'quorum',
      natsSyncInterval: 'default',
      maxInFlight: 1000,
      recoveryTolerance: 0.1,
    });
    expect(spec().experiment.throughputUnit).toBe('messages');
  });

  it('reads Pulumi config strings: numbers and true/false', () => {
    expect(spec({ persistence: 'false', messageSize: '256', producerRate: '0' }).settings).toMatchObject({ persistence: false, messageSize: 256, producerRate: 0 });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ variant: 'pulsar' }, 'perflab:variant: "pulsar" is not one of kafka, rabbitmq, nats'],
    [{ scenario: 'burst' }, 'perflab:scenario: "burst" is not one of max-throughput, fixed-rate, fan-out, persistence, recovery'],
    [{ messageSize: '8' }, 'perflab:messageSize: "8" is too small; it must be ≥ 20'],
    [{ persistence: 'yes' }, 'perflab:persistence: "yes" is not a boolean'],
    [{ rabbitmqQueueType: 'lazy' }, 'perflab:rabbitmqQueueType: "lazy" is not one of classic, quorum, stream'],
    [{ natsSyncInterval: 'sometimes' }, 'perflab:natsSyncInterval: "sometimes" is not valid (must be default, always or a duration like 500ms, 1s, 2m)'],
    [{ fanOut: '1' }, 'perflab:fanOut: "1" is too small; it must be ≥ 2'],
    [{ recoveryTolerance: '1.5' }, 'perflab:recoveryTolerance: "1.5" is too big; it must be < 1'],
    [{ brokerMemory: 'lots' }, 'perflab:brokerMemory: "lots" is not valid'],
  ])('names the bad key and value: %j', (extra, message) => {
    expect(problems(extra)).toContain(message);
  });
});

describe('scenarios', () => {
  const s = { fanOut: 4, persistence: true, rabbitmqQueueType: 'quorum' as const };

  it('shape the runs', () => {
    expect(scenarioRuns('max-throughput', s)).toEqual([expect.objectContaining({ name: 'max-throughput', unthrottled: true, subscriptions: 1, fault: false })]);
    expect(scenarioRuns('fixed-rate', s)).toEqual([expect.objectContaining({ unthrottled: false, subscriptions: 1 })]);
    expect(scenarioRuns('fan-out', s)).toEqual([expect.objectContaining({ subscriptions: 4 })]);
    expect(scenarioRuns('persistence', { ...s, persistence: false }).map((r) => [r.name, r.persistence])).toEqual([
      ['persistence-on', true],
      ['persistence-off', false],
    ]);
    expect(scenarioRuns('recovery', s)).toEqual([expect.objectContaining({ fault: true })]);
  });

  it('parse from a list, `all` meaning every scenario', () => {
    expect(parseScenarioList('all', 'X')).toEqual([...SCENARIOS]);
    expect(parseScenarioList(' fan-out , recovery,fan-out', 'X')).toEqual(['fan-out', 'recovery']);
    expect(() => parseScenarioList('fixed-rate,burst', 'PERFLAB_MQ_SCENARIO')).toThrow('PERFLAB_MQ_SCENARIO: "burst" is not one of all, max-throughput, fixed-rate, fan-out, persistence, recovery');
  });
});

describe('LoadProfile → producer schedule', () => {
  it('smoke (constant 8 VUs for 4 s) is 4 s at producerRate', () => {
    expect(rateSchedule(spec({ load: 'smoke' }).profile, 1000)).toEqual([{ durationSeconds: 4, rate: 1000 }]);
  });

  it('baseline keeps its shape: 1-second ramp steps up to producerRate, the hold, the ramp down', () => {
    const s = rateSchedule(spec({ load: 'baseline', timeScale: 0.1 }).profile, 2000);
    expect(scheduleSeconds(s)).toBe(36);
    expect(s[0]).toEqual({ durationSeconds: 1, rate: 333.33 });
    expect(Math.max(...s.map((x) => x.rate))).toBe(2000);
    expect(s.find((x) => x.rate === 2000)!.durationSeconds).toBe(30);
    expect(s[s.length - 1].rate).toBeLessThan(2000);
  });

  it('spike jumps to 10× its base: producerRate is the peak of the spike', () => {
    const s = rateSchedule(spec({ load: 'spike', timeScale: 0.1 }).profile, 5000);
    expect(s[0]).toEqual({ durationSeconds: 3, rate: 500 });
    expect(Math.max(...s.map((x) => x.rate))).toBe(5000);
  });

  it('unthrottled (max-throughput, or producerRate 0) is one max segment over the whole profile', () => {
    const p = spec({ load: 'baseline', timeScale: 0.1 }).profile;
    expect(rateSchedule(p, 1000, true)).toEqual([{ durationSeconds: 36, rate: 0, max: true }]);
    expect(rateSchedule(p, 0)).toEqual([{ durationSeconds: 36, rate: 0, max: true }]);
  });

  it('rateScale scales targets and peak alike, so it does not change the messaging rate', () => {
    expect(rateSchedule(spec({ load: 'smoke', rateScale: 0.25 }).profile, 1000)).toEqual([{ durationSeconds: 4, rate: 1000 }]);
  });
});

describe('the workload definition', () => {
  const settings = { ...defaultMessagingSettings(), partitions: 3, producers: 2, consumers: 2 };
  const profile = spec({ load: 'smoke' }).profile;

  it('is the same for every broker apart from the address', () => {
    const run = scenarioRuns('fixed-rate', settings)[0];
    const nats = buildWorkload(settings, run, profile, target);
    const rabbit = buildWorkload(settings, run, profile, { ...target, broker: 'rabbitmq', url: 'amqp://x/' });
    const { broker: _a, url: _b, ...rest } = nats;
    const { broker: _c, url: _d, ...rest2 } = rabbit;
    expect(rest).toEqual(rest2);
    expect(nats).toMatchObject({ messageSize: 1024, producers: 2, consumers: 2, partitions: 3, subscriptions: 1, persistence: true, queueType: 'quorum', schedule: [{ durationSeconds: 4, rate: 1000 }] });
  });

  it('the persistence scenario runs RabbitMQ on classic queues, durable and transient: only persistence differs', () => {
    const [on, off] = scenarioRuns('persistence', settings);
    expect(buildWorkload(settings, on, profile, target)).toMatchObject({ persistence: true, queueType: 'classic' });
    expect(buildWorkload(settings, off, profile, target)).toMatchObject({ persistence: false, queueType: 'classic' });
  });

  it('recovery runs at least 30 s and kills the broker 30% in', () => {
    const run = scenarioRuns('recovery', settings)[0];
    const w = buildWorkload(settings, run, profile, { ...target, fault: { target: 'leader', fallbackPod: 'nats-0', namespace: 'ns', podPrefix: 'nats-' } });
    expect(scheduleSeconds(w.schedule)).toBe(RECOVERY_MIN_SECONDS);
    expect(w.schedule).toEqual([
      { durationSeconds: 4, rate: 1000 },
      { durationSeconds: 26, rate: 1000 },
    ]);
    expect(w.fault).toMatchObject({ atSeconds: 9, target: 'leader' });
    // Locally no fault spec goes to the harness: the target kills the process itself.
    expect(buildWorkload(settings, run, profile, target).fault).toBeUndefined();
  });
});

describe('PERFLAB_MQ_* settings of local runs', () => {
  it('names each variable after its key', () => {
    expect(envName('messageSize')).toBe('PERFLAB_MQ_MESSAGE_SIZE');
    expect(envName('rabbitmqQueueType')).toBe('PERFLAB_MQ_RABBITMQ_QUEUE_TYPE');
  });

  it('defaults to every scenario with the default settings', () => {
    const c = localConfigFromEnv({});
    expect(c.scenarios).toEqual([...SCENARIOS]);
    expect(c.settings.messageSize).toBe(1024);
  });

  it('reads values through the same schema', () => {
    const c = localConfigFromEnv({ PERFLAB_MQ_SCENARIO: 'fan-out', PERFLAB_MQ_MESSAGE_SIZE: '256', PERFLAB_MQ_PERSISTENCE: 'false', PERFLAB_MQ_FAN_OUT: '3' });
    expect(c.scenarios).toEqual(['fan-out']);
    expect(c.settings).toMatchObject({ messageSize: 256, persistence: false, fanOut: 3 });
  });

  it('names every bad variable at once', () => {
    let err: unknown;
    try {
      localConfigFromEnv({ PERFLAB_MQ_MESSAGE_SIZE: 'big', PERFLAB_MQ_SCENARIO: 'nope', PERFLAB_MQ_PRODUCERS: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as ConfigError).problems.join('\n');
    expect(msg).toContain('PERFLAB_MQ_MESSAGE_SIZE: "big"');
    expect(msg).toContain('PERFLAB_MQ_PRODUCERS: "0" is too small; it must be ≥ 1');
    expect(msg).toContain('PERFLAB_MQ_SCENARIO: "nope" is not one of all, max-throughput');
  });
});
