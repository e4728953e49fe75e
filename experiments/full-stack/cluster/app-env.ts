/**
 * The app's environment on a cluster for a composition: where each backing service is (the
 * operators' Service names), which Secrets hold the passwords, the Collector's address, and
 * the knobs (catalogue size, cache hit ratio, index preset, trace sampling).
 */
import { MQ_CLUSTER_NAME, clusterBroker } from '../../messaging/cluster/brokers';
import { CLUSTER_DATABASE, CLUSTER_USER } from '../../database/manifests/chart';
import { FullStackSettings } from '../experiment';
import { layerChoice } from '../settings';
import { collectorEndpoint } from './releases';
import { BACKING_PORTS } from './mesh-enrolment';

/** Name of the CNPG Cluster (its read-write Service is `db-rw`). */
export const DATABASE_NAME = 'db';
/** Secret (basic-auth) with the database user's password; Pulumi makes it from a secret output. */
export const DATABASE_SECRET = 'db-credentials';

/** Plain and Secret-sourced environment of the app container. */
export interface AppEnvironment {
  readonly env: Record<string, string>;
  readonly secretEnv: Record<string, { secret: string; key: string }>;
}

/** The app's environment for `s` in `namespace` (Redis at `redisAddress` when the cache is on). */
export function clusterAppEnv(s: FullStackSettings, namespace: string, redisAddress: string): AppEnvironment {
  const choice = layerChoice(s);
  const env: Record<string, string> = {
    DB_ROWS: String(s.dbRows),
    DB_INDEXED: String(s.preset === 'indexed-queries'),
    CACHE_HIT_RATIO: String(s.cacheHitRatio),
    OTEL_SERVICE_NAME: 'full-stack-app',
  };
  const secretEnv: Record<string, { secret: string; key: string }> = {};
  if (choice.database === 'postgres') {
    env.DATABASE_URL = `postgres://${CLUSTER_USER}@${DATABASE_NAME}-rw.${namespace}.svc:${BACKING_PORTS.database}/${CLUSTER_DATABASE}?sslmode=prefer`;
    secretEnv.PGPASSWORD = { secret: DATABASE_SECRET, key: 'password' };
  }
  if (choice.messaging === 'nats') env.NATS_URL = clusterBroker('nats', namespace).url;
  if (choice.messaging === 'rabbitmq') {
    env.AMQP_URL = clusterBroker('rabbitmq', namespace).url;
    const secret = clusterBroker('rabbitmq', namespace).credentialsSecret ?? `${MQ_CLUSTER_NAME}-default-user`;
    secretEnv.AMQP_USER = { secret, key: 'username' };
    secretEnv.AMQP_PASSWORD = { secret, key: 'password' };
  }
  if (choice.cache === 'redis') env.REDIS_ADDR = redisAddress;
  if (choice.observability === 'otel') {
    env.OTEL_EXPORTER_OTLP_ENDPOINT = collectorEndpoint(namespace);
    env.OTEL_TRACES_SAMPLER_ARG = String(s.traceSampleRatio);
  }
  return { env, secretEnv };
}
