/**
 * The user's own servers instead of throwaway ones: a connection URL per local variant
 * (`postgres://user@host:port/db`, `mysql://user@host:port/db`), from `--db-url` once the CLI
 * has it, until then from PERFLAB_DB_URL_POSTGRES / PERFLAB_DB_URL_MARIADB. The password is
 * never part of the URL: the tools read PGPASSWORD / MYSQL_PWD from the environment, and a URL
 * that carries one is refused without being echoed.
 */
import { ConfigError } from '../../../src/config/errors';
import { DbEndpoint } from '../tool-commands';
import { LocalVariantName } from '../variants';

/** Environment variables holding the connection URLs, by local variant. */
export const DB_URL_ENV: Readonly<Record<LocalVariantName, string>> = {
  postgres: 'PERFLAB_DB_URL_POSTGRES',
  mariadb: 'PERFLAB_DB_URL_MARIADB',
};

/** Environment variables holding the passwords, by local variant (read by the tools themselves). */
export const PASSWORD_ENV: Readonly<Record<LocalVariantName, string>> = {
  postgres: 'PGPASSWORD',
  mariadb: 'MYSQL_PWD',
};

const SCHEMES: Readonly<Record<LocalVariantName, readonly string[]>> = {
  postgres: ['postgres:', 'postgresql:'],
  mariadb: ['mysql:', 'mariadb:'],
};

/** The endpoint a URL names; throws a ConfigError that never repeats a password. */
export function parseDbUrl(variant: LocalVariantName, url: string, source: string): DbEndpoint {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError([`${source}: not a URL; expected ${SCHEMES[variant][0]}//user@host:port/database`]);
  }
  if (u.password) {
    throw new ConfigError([`${source}: the URL carries a password; leave it out and set ${PASSWORD_ENV[variant]} in the environment instead`]);
  }
  if (!SCHEMES[variant].includes(u.protocol)) {
    throw new ConfigError([`${source}: scheme ${JSON.stringify(u.protocol.replace(/:$/, ''))} does not fit variant ${variant}; expected ${SCHEMES[variant].map((s) => s.replace(/:$/, '')).join(' or ')}`]);
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new ConfigError([`${source}: name the database in the path, e.g. ${SCHEMES[variant][0]}//perflab@${u.host || 'localhost'}/perflab (its tables pgbench_* / sbtest* are dropped and recreated)`]);
  return {
    engine: variant === 'postgres' ? 'postgres' : 'mysql',
    host: u.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: u.port || (variant === 'postgres' ? '5432' : '3306'),
    user: decodeURIComponent(u.username) || (variant === 'postgres' ? 'postgres' : 'root'),
    database,
  };
}

/** The user's endpoint for a variant from the environment (or `urls`), or undefined for a throwaway server. */
export function userEndpoint(variant: LocalVariantName, urls: Readonly<Record<string, string | undefined>> = process.env): DbEndpoint | undefined {
  const env = DB_URL_ENV[variant];
  const url = urls[env];
  return url ? parseDbUrl(variant, url, env) : undefined;
}

/** `user@host:port/db` for messages (no password by construction). */
export function describeEndpoint(e: DbEndpoint): string {
  return `${e.user}@${e.host}:${e.port}/${e.database}`;
}
