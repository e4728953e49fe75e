/**
 * The database workloads: pgbench (TPC-B-like, and perflab's read-only and write-heavy
 * scripts), sysbench OLTP (read-only, write-only, read-write) and a TPC-C-style run
 * (Percona-Lab's sysbench-tpcc Lua scripts on sysbench, or perflab's own Go driver in
 * tpcc-style/, which needs nothing beyond Go). Each names its tool, the engines it
 * runs on and whether it is the read-heavy or write-heavy preset.
 */
import { Engine } from './variants';

/** Every workload name (`perflab:workload`). */
export const WORKLOAD_NAMES = [
  'pgbench-tpcb',
  'pgbench-read-only',
  'pgbench-write-heavy',
  'oltp-read-only',
  'oltp-write-only',
  'oltp-read-write',
  'tpcc',
  'tpcc-style',
] as const;
/** One workload name. */
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

/** The tools that drive a workload. */
export type WorkloadTool = 'pgbench' | 'sysbench' | 'tpccstyle';

/** Read-heavy, write-heavy or mixed: which preset a workload is. */
export type WorkloadMix = 'read-heavy' | 'write-heavy' | 'mixed';

/** What one workload runs. */
export interface WorkloadSpec {
  readonly name: WorkloadName;
  readonly tool: WorkloadTool;
  /** Engines it runs against. */
  readonly engines: readonly Engine[];
  readonly mix: WorkloadMix;
  /** pgbench: `builtin:tpcb-like` or the name of a perflab script (pgbench-scripts.ts). */
  readonly pgbenchScript?: string;
  /** sysbench: the Lua test (`oltp_read_only`, ... or `tpcc.lua` for sysbench-tpcc). */
  readonly sysbenchTest?: string;
  /** Needs the sysbench-tpcc scripts (not shipped by Debian's sysbench). */
  readonly needsTpccScripts?: boolean;
  /** One line for tables and docs. */
  readonly description: string;
}

/** Every workload by name. */
export const workloads: Readonly<Record<WorkloadName, WorkloadSpec>> = {
  'pgbench-tpcb': {
    name: 'pgbench-tpcb',
    tool: 'pgbench',
    engines: ['postgres'],
    mix: 'mixed',
    pgbenchScript: 'builtin:tpcb-like',
    description: "pgbench's built-in TPC-B-like transaction (3 updates, 1 select, 1 insert)",
  },
  'pgbench-read-only': {
    name: 'pgbench-read-only',
    tool: 'pgbench',
    engines: ['postgres'],
    mix: 'read-heavy',
    pgbenchScript: 'read-only',
    description: 'perflab pgbench script: 4 point selects and a 10-row range select per transaction',
  },
  'pgbench-write-heavy': {
    name: 'pgbench-write-heavy',
    tool: 'pgbench',
    engines: ['postgres'],
    mix: 'write-heavy',
    pgbenchScript: 'write-heavy',
    description: 'perflab pgbench script: 3 updates and 2 inserts around 1 select per transaction',
  },
  'oltp-read-only': {
    name: 'oltp-read-only',
    tool: 'sysbench',
    engines: ['postgres', 'mysql'],
    mix: 'read-heavy',
    sysbenchTest: 'oltp_read_only',
    description: 'sysbench oltp_read_only: 10 point selects and 4 range queries per transaction',
  },
  'oltp-write-only': {
    name: 'oltp-write-only',
    tool: 'sysbench',
    engines: ['postgres', 'mysql'],
    mix: 'write-heavy',
    sysbenchTest: 'oltp_write_only',
    description: 'sysbench oltp_write_only: 2 updates, a delete and an insert per transaction',
  },
  'oltp-read-write': {
    name: 'oltp-read-write',
    tool: 'sysbench',
    engines: ['postgres', 'mysql'],
    mix: 'mixed',
    sysbenchTest: 'oltp_read_write',
    description: 'sysbench oltp_read_write: the read-only queries plus the write-only statements',
  },
  tpcc: {
    name: 'tpcc',
    tool: 'sysbench',
    engines: ['postgres', 'mysql'],
    mix: 'mixed',
    sysbenchTest: 'tpcc.lua',
    needsTpccScripts: true,
    description: 'TPC-C-style (not audited TPC-C): Percona-Lab sysbench-tpcc new-order/payment/order-status/delivery/stock-level mix',
  },
  'tpcc-style': {
    name: 'tpcc-style',
    tool: 'tpccstyle',
    engines: ['postgres', 'mysql'],
    mix: 'mixed',
    description: "TPC-C-style (not TPC-C): perflab's Go driver, new-order 45% / payment 43% / order-status, delivery, stock-level 4% each, warehouses as the scale",
  },
};

/** Workloads that run on an engine, in catalogue order. */
export function workloadsFor(engine: Engine): WorkloadName[] {
  return WORKLOAD_NAMES.filter((w) => workloads[w].engines.includes(engine));
}
