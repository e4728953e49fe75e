/**
 * The backing services of a local composition, started once per run and reused by every
 * measured step: a throwaway PostgreSQL (the database experiment's), a throwaway NATS or
 * RabbitMQ (the messaging experiment's), a throwaway Redis, and the OTLP receiver; plus the
 * app environment and the sampled processes of one step's layers. Everything is stopped by
 * `stop()`, also after a failure.
 */
import { LocalDbServer, startPostgres } from '../../database/local/servers';
import { LocalBroker } from '../../messaging/local/local-broker';
import { localBrokerSpecs } from '../../messaging/local/brokers';
import { LayerChoice } from '../layers';
import { LocalRedis, startRedis } from './redis-server';
import { OtlpReceiver, startOtlpReceiver } from './otlp-receiver';

/** The services running for a local run. */
export interface LocalServices {
  readonly postgres?: LocalDbServer;
  readonly broker?: LocalBroker;
  readonly redis?: LocalRedis;
  readonly receiver?: OtlpReceiver;
  /** Versions of what runs, for the environment fingerprint. */
  readonly versions: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** App settings that are not layers. */
export interface AppKnobs {
  readonly dbRows: number;
  readonly cacheHitRatio: number;
  readonly indexed: boolean;
}

/** Starts what `choice` needs (gateway and mesh are cluster layers and must be `none`). */
export async function startServices(choice: LayerChoice, step: (msg: string) => void): Promise<LocalServices> {
  const versions: Record<string, string> = {};
  let postgres: LocalDbServer | undefined;
  let broker: LocalBroker | undefined;
  let redis: LocalRedis | undefined;
  let receiver: OtlpReceiver | undefined;
  const stop = async (): Promise<void> => {
    await Promise.allSettled([postgres?.stop(), broker?.stop(), redis?.stop(), receiver?.stop()]);
  };
  try {
    if (choice.database === 'postgres') {
      step('starting a throwaway PostgreSQL');
      postgres = await startPostgres();
      versions.postgres = postgres.version;
    }
    if (choice.messaging !== 'none') {
      const spec = localBrokerSpecs[choice.messaging];
      step(`starting a throwaway ${spec.description}`);
      broker = await spec.create();
      await broker.start();
      versions[choice.messaging] = spec.installedVersion() ?? choice.messaging;
    }
    if (choice.cache === 'redis') {
      step('starting a throwaway Redis');
      redis = await startRedis();
      versions.redis = redis.version;
    }
    if (choice.observability === 'otel') receiver = await startOtlpReceiver();
  } catch (err) {
    await stop();
    throw err;
  }
  return { postgres, broker, redis, receiver, versions, stop };
}

/** The app's environment for the layers of `choice` that are running in `s`. */
export function appEnv(s: LocalServices, choice: LayerChoice, knobs: AppKnobs): Record<string, string> {
  const env: Record<string, string> = {
    DB_ROWS: String(knobs.dbRows),
    CACHE_HIT_RATIO: String(knobs.cacheHitRatio),
    DB_INDEXED: String(knobs.indexed),
    OTEL_SERVICE_NAME: 'full-stack-app',
  };
  if (choice.database === 'postgres' && s.postgres) {
    const e = s.postgres.endpoint;
    env.DATABASE_URL = `postgres://${e.user}@${e.host}:${e.port}/${e.database}?sslmode=disable`;
  }
  if (choice.messaging === 'nats' && s.broker) env.NATS_URL = s.broker.url;
  if (choice.messaging === 'rabbitmq' && s.broker) env.AMQP_URL = s.broker.url;
  if (choice.cache === 'redis' && s.redis) env.REDIS_ADDR = s.redis.addr;
  if (choice.observability === 'otel' && s.receiver) {
    env.OTEL_EXPORTER_OTLP_ENDPOINT = s.receiver.endpoint;
    env.OTEL_TRACES_SAMPLER_ARG = '1';
  }
  return env;
}

/** The backing processes a step's run samples beside the app, as RunResult components. */
export function companionsOf(s: LocalServices, choice: LayerChoice): Array<{ pid: number; component: string }> {
  const out: Array<{ pid: number; component: string }> = [];
  if (choice.database === 'postgres' && s.postgres) out.push({ pid: s.postgres.pid, component: 'postgres' });
  const brokerPid = s.broker?.serverPid();
  if (choice.messaging !== 'none' && brokerPid !== undefined) out.push({ pid: brokerPid, component: choice.messaging });
  if (choice.cache === 'redis' && s.redis) out.push({ pid: s.redis.pid, component: 'redis' });
  return out;
}
