/**
 * The programs the database experiment's local target needs, where to find them, their
 * versions, and the Debian package to install when one is missing. PostgreSQL's server
 * programs live in /usr/lib/postgresql/<major>/bin on Debian (not on PATH); the newest major
 * there wins unless PATH has them.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LocalVariantName } from '../variants';

/** One program and how to get it. */
export interface ToolRequirement {
  readonly name: string;
  /** Debian package(s) providing it. */
  readonly aptPackage: string;
}

/** Programs a local variant needs to start its server (workload tools are checked per workload). */
export const SERVER_TOOLS: Readonly<Record<LocalVariantName, readonly ToolRequirement[]>> = {
  postgres: [
    { name: 'initdb', aptPackage: 'postgresql' },
    { name: 'postgres', aptPackage: 'postgresql' },
    { name: 'pg_isready', aptPackage: 'postgresql-client' },
    { name: 'psql', aptPackage: 'postgresql-client' },
  ],
  mariadb: [
    { name: 'mariadb-install-db', aptPackage: 'mariadb-server' },
    { name: 'mariadbd', aptPackage: 'mariadb-server' },
    { name: 'mariadb-admin', aptPackage: 'mariadb-client' },
    { name: 'mariadb', aptPackage: 'mariadb-client' },
  ],
};

/** Workload tools and their packages. */
export const WORKLOAD_TOOLS: Readonly<Record<'pgbench' | 'sysbench', ToolRequirement>> = {
  pgbench: { name: 'pgbench', aptPackage: 'postgresql' },
  sysbench: { name: 'sysbench', aptPackage: 'sysbench' },
};

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** PostgreSQL's Debian bin folders, newest major first. */
function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  try {
    return fs
      .readdirSync(root)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a))
      .map((d) => path.join(root, d, 'bin'));
  } catch {
    return [];
  }
}

/** Extra folders searched after PATH: PostgreSQL's bin folders and the sbin folders (mariadbd). */
function extraDirs(): string[] {
  return [...postgresBinDirs(), '/usr/sbin', '/usr/local/sbin', '/sbin'];
}

/** Absolute path of a program, or undefined when it is not installed. */
export function findTool(name: string): string | undefined {
  const found = onPath(name);
  if (found) return found;
  for (const dir of extraDirs()) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

/** The first line a program prints for `--version`, or undefined. */
export function toolVersion(binary: string): string | undefined {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20000 });
  if (r.error || r.status !== 0) return undefined;
  return (r.stdout || r.stderr).trim().split('\n')[0];
}

/** The requirements that are missing, as `name (apt-get install pkg)` texts; empty when all are there. */
export function missingTools(reqs: readonly ToolRequirement[]): ToolRequirement[] {
  return reqs.filter((r) => findTool(r.name) === undefined);
}

/** `apt-get install a b` for the packages of the missing requirements. */
export function installHint(missing: readonly ToolRequirement[]): string {
  const pkgs = [...new Set(missing.map((m) => m.aptPackage))];
  return `${missing.map((m) => m.name).join(', ')} not found — install with: apt-get install ${pkgs.join(' ')}`;
}
