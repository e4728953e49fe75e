/**
 * The tpcc-style workload's plumbing without a server: the driver's command lines (closed model
 * only, no password), PERFLAB_DB_WAREHOUSES validation, the Job script's lines, and the
 * parser's handling of the driver's error and malformed result lines.
 */
import { warehousesFromEnv } from '../experiments/database/local-run';
import { jobScript } from '../experiments/database/manifests/job-script';
import { parseTpccStyle } from '../experiments/database/parsers/tpcc-style';
import { planRun } from '../experiments/database/run-plan';
import { workloadCommands } from '../experiments/database/tool-commands';
import { workloads } from '../experiments/database/workloads';
import { databaseExperiment } from '../experiments/database/experiment';
import { ConfigError } from '../src/config/errors';
import { LoadProfileSchema } from '../src/load/profile';
import { resolveProfile } from '../src/load/resolve';

const closed = resolveProfile(LoadProfileSchema.parse({ name: 'c', startTarget: 6, stages: [{ durationSeconds: 20, target: 6 }] }), databaseExperiment.defaultRequestMix);
const open = resolveProfile(
  LoadProfileSchema.parse({ name: 'o', model: 'open', startTarget: 50, stages: [{ durationSeconds: 20, target: 50 }], maxVUs: 10 }),
  databaseExperiment.defaultRequestMix,
);
const size = { scale: 1, tables: 1, tableSize: 1, warehouses: 3 };
const endpoint = { engine: 'mysql' as const, host: '127.0.0.1', port: '3306', user: 'bench', database: 'perflab' };
const paths = { pgbenchScriptDir: '/s', pgbenchLogPrefix: '/w/tx', tpccDir: '/t' };

describe('tpcc-style commands', () => {
  it('loads the warehouses, warms up and measures with the profile\'s VUs as terminals; no password on the command line', () => {
    const plan = planRun(closed, { warmupSeconds: 2 });
    const c = workloadCommands(workloads['tpcc-style'], endpoint, plan, size, paths);
    const conn = ['--engine', 'mysql', '--host', '127.0.0.1', '--port', '3306', '--user', 'bench', '--database', 'perflab', '--warehouses', '3'];
    expect(c.cleanup).toEqual({ command: 'tpccstyle', args: ['cleanup', ...conn] });
    expect(c.prepare).toEqual({ command: 'tpccstyle', args: ['load', ...conn, '--loaders', '4'] });
    expect(c.warmup).toEqual({ command: 'tpccstyle', args: ['run', ...conn, '--terminals', '6', '--duration', '2'] });
    expect(c.run).toEqual({ command: 'tpccstyle', args: ['run', ...conn, '--terminals', '6', '--duration', '20'] });
    expect(JSON.stringify(c)).not.toMatch(/pass|pwd/i);
  });

  it('refuses an open-model profile, saying tpcc-style runs a closed model', () => {
    expect(() => workloadCommands(workloads['tpcc-style'], endpoint, planRun(open), size, paths)).toThrow(
      /workload tpcc-style: the load profile is an open model \(50 transactions\/s\); tpcc-style runs a closed model/,
    );
  });

  it('the Job script runs tpccstyle between the markers with the $DB_* placeholders', () => {
    const script = jobScript({ workload: workloads['tpcc-style'], engine: 'postgres', plan: planRun(closed, { warmupSeconds: 0 }), size, tpccDir: '/t', waitSeconds: 10 });
    expect(script).toMatch(/^echo "=== perflab-db begin workload=tpcc-style tool=tpccstyle at=\$\(date \+%s\) ==="$/m);
    expect(script).toMatch(/^tpccstyle run --engine postgres --host "\$DB_HOST" --port "\$DB_PORT" --user "\$DB_USER" --database "\$DB_NAME" --warehouses 3 --terminals 6 --duration 20 2>&1$/m);
    expect(script).toMatch(/^tpccstyle load .* > \/work\/prepare\.log 2>&1 \|\| fail "prepare"/m);
    expect(script).not.toMatch(/warm-up/);
  });
});

describe('PERFLAB_DB_WAREHOUSES', () => {
  it.each(['0', '-1', '1.5', 'two', '10001'])('%s is refused naming the variable, the value and what is allowed', (v) => {
    expect(() => warehousesFromEnv({ PERFLAB_DB_WAREHOUSES: v })).toThrow(ConfigError);
    expect(() => warehousesFromEnv({ PERFLAB_DB_WAREHOUSES: v })).toThrow(`PERFLAB_DB_WAREHOUSES: "${v}" is not allowed; use a whole number from 1 to 10000`);
  });
  it('a whole number is taken; unset is undefined', () => {
    expect(warehousesFromEnv({ PERFLAB_DB_WAREHOUSES: '4' })).toBe(4);
    expect(warehousesFromEnv({})).toBeUndefined();
  });
});

describe('tpccstyle output', () => {
  it('an error line becomes the driver\'s own message', () => {
    expect(() => parseTpccStyle('{"type":"error","message":"cannot connect to mysql at 127.0.0.1:1: connection refused"}\n')).toThrow(
      /tpccstyle output: the driver failed: cannot connect to mysql at 127.0.0.1:1: connection refused/,
    );
  });
  it('a result line without a transaction type names the missing field', () => {
    const line = { type: 'result', command: 'run', driverVersion: '0.1.0', engine: 'mysql', serverVersion: 'x', warehouses: 1, terminals: 1, measuredSeconds: 1, newOrderPerMinute: 0, errorSamples: null, transactions: {} };
    expect(() => parseTpccStyle(JSON.stringify(line))).toThrow(/result line does not match the expected shape: transactions\.new-order: /);
  });
  it('no result line at all is an error showing the last lines', () => {
    expect(() => parseTpccStyle('panic: something\n')).toThrow(/no \{"type":"result"\} line[\s\S]*\| panic: something/);
  });
});
