/** The `perflab` command line end to end: real processes, real exit codes and messages. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.join(__dirname, '..', 'bin', 'perflab.js');

function perflab(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('perflab CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rejects a misspelt variant before anything runs, naming the key, the value and what is allowed', () => {
    const r = perflab('run', 'runtime', '--variants', 'go,goo', '--results-dir', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('perflab:variant: "goo" is not one of go, rust, dotnet, node, bun');
    expect(r.stderr).not.toContain('building');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('rejects an unknown profile and an unknown experiment', () => {
    const bad = perflab('run', 'runtime', '--profile', 'smok');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('perflab:load: "smok" is not one of smoke, baseline, stress, spike, soak, chaos');
    const exp = perflab('run', 'runtim');
    expect(exp.code).toBe(2);
    expect(exp.stderr).toMatch(/perflab:experiment: "runtim" is not one of runtime(, [\w-]+)*\n/);
  });

  it('refuses an option of another experiment, and lists each experiment’s options in help', () => {
    const r = perflab('run', 'runtime', '--scenario', 'fixed-rate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scenario belongs to perflab run messaging, not runtime');
    const help = perflab('run', '--help');
    expect(help.stdout).toMatch(/experiment to run: runtime, database,\s+messaging, full-stack/);
    expect(help.stdout).toMatch(/--scenario <list>\s+messaging: /);
    expect(help.stdout).toMatch(/--workload <list>\s+database: /);
  });

  it('sends cluster targets to pulumi, naming the stacks that exist', () => {
    const r = perflab('run', 'runtime', '--target', 'k3s', '--variants', 'go');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pulumi up --stack <stack> — stacks of runtime: .*runtime-go, runtime-node, runtime-rust/);
    const db = perflab('run', 'database', '--target', 'k3s');
    expect(db.stderr).toContain('stacks of database: db-azure-postgres, db-cnpg, db-mariadb-operator, db-mysql-operator, db-rds');
  });

  it('says an experiment without a local target needs a cluster', () => {
    const r = perflab('run', 'mesh');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('mesh has no local target (it needs a cluster)');
    expect(r.stderr).toContain('stacks of mesh: mesh-baseline, mesh-cilium, mesh-istio, mesh-istio-ambient, mesh-linkerd');
    expect(r.stderr).not.toContain('perflab:variant');
  });

  it('names a bad experiment option by its flag, before any banner', () => {
    const r = perflab('run', 'database', '--workload', 'nope', '--results-dir', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^perflab: invalid configuration\n {2}--workload: "nope" is not one of pgbench-tpcb, /);
    expect(r.stderr).not.toContain('PERFLAB_DB_WORKLOAD');
    expect(r.stderr).not.toContain('results in');
  });

  it('runs one variant locally, stores its result, and compares stored results', () => {
    const run = perflab('run', 'runtime', '--variants', 'go', '--profile', 'smoke', '--time-scale', '0.25', '--results-dir', dir, '--label', 'cli-test');
    expect(run.stderr).toContain('[go] up in');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^go \[cli-test\]\s+smoke\s+\d+/m); // a label never hides the variant
    const files = fs.readdirSync(path.join(dir, 'runtime'));
    // The result, and the CPU profile of the separate profiling run beside it (go: pprof); a
    // profile that could not be had says why, and the diff shows it.
    const results = files.filter((f) => f.endsWith('.json'));
    expect(results).toHaveLength(1);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'runtime', results[0]), 'utf8'));
    expect(stored.cpuProfile).toMatchObject({ status: 'recorded', tool: 'go net/http/pprof', run: 'separate-run' });
    expect(files.filter((f) => f.endsWith('.profile.folded'))).toHaveLength(1);
    const cmp = perflab('compare', dir);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout.split('\n')[0]).toMatch(/^variant\s+profile\s+rps\s+p50 ms\s+p95 ms\s+p99 ms/);
    expect(cmp.stdout).toContain('cli-test');
  });

  it('reports a missing result file as bad input', () => {
    const r = perflab('compare', path.join(dir, 'nope.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.json: no such file or folder');
  });

  it('lists the built-in profiles', () => {
    const r = perflab('profiles');
    expect(r.code).toBe(0);
    for (const name of ['smoke', 'baseline', 'stress', 'spike', 'soak', 'chaos']) expect(r.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
  });

  it('exits 2 for an unknown profile name, with the list', () => {
    const r = perflab('profiles', 'nosuch');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profile: "nosuch" is not one of smoke, baseline, stress, spike, soak, chaos');
  });
});

describe('perflab run on Ctrl-C', () => {
  it('stops the server it started, stores no partial result and exits non-zero', async () => {
    const { spawn } = await import('child_process');
    const net = await import('net');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-sigint-'));
    const child = spawn(process.execPath, [BIN, 'run', 'runtime', '--variants', 'go', '--profile', 'smoke', '--time-scale', '10', '--results-dir', dir]);
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const m = /\[go\] up in \d+ ms on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`exited before the server was up:\n${stderr}`)));
    });
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr).toContain('interrupted: stopping servers');
    expect(stderr).toContain('[go] aborted: the partial run is not stored');
    const listening = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.destroy();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    expect(listening).toBe(false);
    expect(fs.existsSync(path.join(dir, 'runtime'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
