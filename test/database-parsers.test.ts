/**
 * The database workload parsers on REAL tool output (test/fixtures/database, produced by
 * pgbench 15 and sysbench 1.0 against real servers), and the RunResult built from it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildDatabaseRunResult } from '../experiments/database/build-result';
import { databaseExperiment } from '../experiments/database/experiment';
import { PGBENCH_LOG_TO_HISTOGRAM_AWK, parseHistogramLines } from '../experiments/database/parsers/histogram-lines';
import { parsePgbench } from '../experiments/database/parsers/pgbench';
import { parseSysbench } from '../experiments/database/parsers/sysbench';
import { ToolOutputError } from '../experiments/database/parsers/tool-report';
import { MAX_OPEN_MODEL_CLIENTS, planRun } from '../experiments/database/run-plan';
import { openModelMaxVUs } from '../src/load/profile';
import { requireBuiltinProfile, resolveProfile } from '../src/load/resolve';
import { localEnvironment } from '../src/results/environment';
import { summarizeHistogram } from '../src/results/histogram';
import { RunResultSchema } from '../src/results/run-result';
import { spawnSync } from 'child_process';

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, 'fixtures', 'database', name), 'utf8');

describe('pgbench parser', () => {
  it('reads the TPC-B-like summary, progress, statements and percentiles from the transaction log', () => {
    const r = parsePgbench({ output: fixture('pgbench-tpcb.out'), transactionLog: fixture('pgbench-tpcb.txlog'), exitCode: 0 });
    expect(r.tool).toBe('pgbench');
    expect(r.toolVersion).toBe('15.18');
    expect(r.clients).toBe(2);
    expect(r.transactions).toBe(5987);
    expect(r.tps).toBeCloseTo(3004.614067, 5);
    expect(r.histogram.totalCount).toBe(5987);
    expect(r.errorsByKind).toEqual({});
    expect(r.intervals.length).toBe(2);
    expect(r.statements.map((s) => s.statement)).toContain('UPDATE pgbench_branches SET bbalance = bbalance + :delta WHERE bid = :bid;');
    expect(r.statements.some((s) => s.statement.startsWith('\\set'))).toBe(false);
    const l = summarizeHistogram(r.histogram);
    // The log's mean agrees with pgbench's own "latency average" within rounding.
    expect(l.mean).toBeCloseTo(r.summary.latencyAvgMs, 1);
    expect(l.p50).toBeLessThanOrEqual(l.p90);
    expect(l.p90).toBeLessThanOrEqual(l.p95);
    expect(l.p95).toBeLessThanOrEqual(l.p99);
    expect(l.p99).toBeLessThanOrEqual(l.max);
    expect(r.notes).toEqual([]);
  });

  it('gives the same percentiles (within 0.1%) from the folded histogram the cluster Job prints', () => {
    const fromLog = summarizeHistogram(parsePgbench({ output: fixture('pgbench-tpcb.out'), transactionLog: fixture('pgbench-tpcb.txlog') }).histogram);
    const folded = parseHistogramLines(fixture('pgbench-tpcb.hist'));
    const fromHist = summarizeHistogram(parsePgbench({ output: fixture('pgbench-tpcb.out'), histogram: folded }).histogram);
    expect(fromHist.count).toBe(fromLog.count);
    for (const k of ['p50', 'p95', 'p99'] as const) expect(Math.abs(fromHist[k] - fromLog[k]) / fromLog[k]).toBeLessThan(0.002);
  });

  it('folds a transaction log with the real awk exactly like the stored .hist', () => {
    const awk = spawnSync('awk', [PGBENCH_LOG_TO_HISTOGRAM_AWK], { input: fixture('pgbench-tpcb.txlog'), encoding: 'utf8' });
    expect(awk.status).toBe(0);
    const sort = (t: string): string => t.trim().split('\n').sort().join('\n');
    expect(sort(awk.stdout)).toBe(sort(fixture('pgbench-tpcb.hist')));
  });

  it('reads a rate-limited run of the custom read-only script', () => {
    const r = parsePgbench({ output: fixture('pgbench-read-only-rate.out'), transactionLog: fixture('pgbench-read-only-rate.txlog') });
    expect(r.transactions).toBe(603);
    expect(r.tps).toBeCloseTo(303.7, 1);
    expect(r.histogram.totalCount).toBe(603);
    expect(r.statements).toHaveLength(7);
  });

  it('counts serialization failures by kind, from the summary and the folded log', () => {
    const r = parsePgbench({ output: fixture('pgbench-serialization-failures.out'), histogram: parseHistogramLines(fixture('pgbench-serialization-failures.hist')) });
    expect(r.transactions).toBe(6483);
    expect(r.errorsByKind).toEqual({ serialization: 4452 });
    expect(r.notes).toEqual([]);
    expect(r.statements.find((s) => s.statement.startsWith('UPDATE'))?.failures).toBe(4452);
  });

  it('fails with the first client error when every client aborted', () => {
    expect(() => parsePgbench({ output: fixture('pgbench-aborted.out'), transactionLog: '', exitCode: 2 })).toThrow(/every client aborted.*relation "no_such_table" does not exist/);
  });

  it('refuses output without per-transaction latency data, and output that is no pgbench summary', () => {
    expect(() => parsePgbench({ output: fixture('pgbench-tpcb.out') })).toThrow(/needs? pgbench --log|need pgbench --log/);
    expect(() => parsePgbench({ output: 'psql: error: connection refused', transactionLog: '' })).toThrow(ToolOutputError);
  });
});

describe('sysbench parser', () => {
  it('reads an OLTP read-only report with its histogram (MariaDB)', () => {
    const out = fixture('sysbench-oltp-read-only-mariadb.out');
    const r = parseSysbench(out, 0);
    expect(r.toolVersion).toBe('1.0.20');
    expect(r.clients).toBe(2);
    expect(r.transactions).toBe(4453);
    expect(r.tps).toBeCloseTo(2222.21, 2);
    expect(r.histogram.totalCount).toBe(4453);
    expect(r.summary.percentile).toEqual({ p: 95, ms: 1.82 });
    expect(r.summary.queries?.read).toBeGreaterThan(0);
    expect(r.intervals).toHaveLength(2);
    const l = summarizeHistogram(r.histogram);
    // sysbench's own 95th percentile is one of its histogram's bucket values: the HDR p95 lies within a bucket of it.
    expect(Math.abs(l.p95 - 1.82) / 1.82).toBeLessThan(0.03);
    expect(l.p50).toBeLessThanOrEqual(l.p95);
    expect(l.p95).toBeLessThanOrEqual(l.p99);
  });

  it('reads a rate-limited read-write run and a PostgreSQL write-only run with ignored errors', () => {
    const rw = parseSysbench(fixture('sysbench-oltp-read-write-rate-mariadb.out'), 0);
    expect(rw.transactions).toBe(410);
    expect(rw.summary.queries?.write).toBeGreaterThan(0);
    const wo = parseSysbench(fixture('sysbench-oltp-write-only-postgres.out'), 0);
    expect(wo.transactions).toBe(14610);
    expect(wo.errorsByKind).toEqual({ ignored_error: 46 });
    expect(wo.histogram.totalCount).toBe(14610);
  });

  it('names the FATAL error of a run that could not connect', () => {
    expect(() => parseSysbench(fixture('sysbench-connection-refused.out'), 1)).toThrow(/the run failed: unable to connect to MySQL server on host '127.0.0.1', port 1/);
  });

  it('refuses a report without --histogram', () => {
    const out = fixture('sysbench-oltp-read-only-mariadb.out');
    const start = out.indexOf('Latency histogram');
    const end = out.indexOf('SQL statistics');
    expect(() => parseSysbench(out.slice(0, start) + out.slice(end), 0)).toThrow(/--histogram=on/);
  });
});

describe('database RunResult', () => {
  const profile = resolveProfile(requireBuiltinProfile('smoke'), databaseExperiment.defaultRequestMix);
  const plan = planRun(profile);

  it('is a valid RunResult with transactions/s, ordered percentiles, errors and the encoded histogram', () => {
    const report = parseSysbench(fixture('sysbench-oltp-write-only-postgres.out'), 0);
    const r = buildDatabaseRunResult(report, {
      experiment: 'database', variant: 'postgres', target: 'local', workload: 'oltp-write-only', profile, plan,
      startedAt: new Date('2026-11-25T10:00:00Z'), finishedAt: new Date('2026-11-25T10:00:02Z'), resources: [], environment: localEnvironment('local', { sysbench: '1.0.20' }),
    });
    expect(RunResultSchema.parse(r)).toBeTruthy();
    expect(r.id).toBe('database-postgres-oltp-write-only-20261125T100000Z');
    expect(r.throughput.transactionsPerSecond).toBeCloseTo(7265.75, 2);
    expect(r.throughput.totalTransactions).toBe(14610);
    expect(r.errors.byKind).toEqual({ ignored_error: 46 });
    expect(r.errors.rate).toBeCloseTo(46 / (14610 + 46), 6);
    expect(r.latency.histogram?.encoding).toBe('hdr-compressed-base64');
    expect(r.latency.p50).toBeLessThanOrEqual(r.latency.p95);
    expect(r.loadGenerator).toEqual({ name: 'sysbench', version: '1.0.20' });
    expect(r.notes.join('\n')).toMatch(/sysbench's own 95th percentile 1.08 ms/);
    // The smoke profile allows 1% errors: 0.31% passes.
    expect(r.thresholdsPassed).toBe(true);
  });

  it('fails the error-rate threshold of a run with 41% serialization failures', () => {
    const report = parsePgbench({ output: fixture('pgbench-serialization-failures.out'), histogram: parseHistogramLines(fixture('pgbench-serialization-failures.hist')) });
    const r = buildDatabaseRunResult(report, {
      experiment: 'database', variant: 'postgres', target: 'local', workload: 'pgbench-write-heavy', profile, plan,
      startedAt: new Date(), finishedAt: new Date(), resources: [], environment: localEnvironment('local', {}),
    });
    expect(r.errors.rate).toBeCloseTo(0.40713, 4);
    expect(r.thresholds.find((t) => t.metric === 'errors.rate')?.passed).toBe(false);
    expect(r.thresholdsPassed).toBe(false);
  });
});

describe('database run plan, open model', () => {
  it('caps the clients the VU sizing asks for at MAX_OPEN_MODEL_CLIENTS and says so; perflab:clients overrides', () => {
    const chaos = resolveProfile(requireBuiltinProfile('chaos'), databaseExperiment.defaultRequestMix);
    const sized = openModelMaxVUs(chaos);
    expect(sized).toBeGreaterThan(MAX_OPEN_MODEL_CLIENTS);
    const plan = planRun(chaos);
    expect(plan.clients).toBe(MAX_OPEN_MODEL_CLIENTS);
    expect(plan.notes.join('\n')).toContain(`${sized} clients would cover the peak rate`);
    const explicit = planRun(chaos, { clients: 200 });
    expect(explicit.clients).toBe(200);
    expect(explicit.notes.join('\n')).not.toContain('capped at');
  });
});
