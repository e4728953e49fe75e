/**
 * `perflab check <stack|dir|file>`: output format, counts, exit codes (0 clean, 1 mandatory
 * violation, 2 bad input), policy config files in the --policy-pack-config format, and the
 * command itself as a real process.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { CHECK_EXIT, runCheck } from '../src/cli/commands/check';
import { loadManifests } from '../src/policy/load-manifests';
import { FIXTURE_PROJECT, fixture } from './fixtures/policies/harness';

const BIN = path.join(__dirname, '..', 'bin', 'perflab.js');
const REPO = path.join(__dirname, '..');

describe('perflab check on files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perflab-check-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  it('prints one line per violation, then the count, and exits 1 on a mandatory violation', () => {
    const out = runCheck(fixture('service-exposure', 'fail.yaml'), { project: FIXTURE_PROJECT });
    expect(out.exitCode).toBe(CHECK_EXIT.mandatoryViolations);
    expect(out.stdout).toContain(
      '[mandatory] service-exposure Service/api: spec.type is LoadBalancer; lab services are ClusterIP (allow-list the service if it must be reachable from outside)',
    );
    expect(out.stdout).toContain('[advisory] recommended-labels Service/grafana: metadata.labels is missing app.kubernetes.io/name, app.kubernetes.io/instance, app.kubernetes.io/component, app.kubernetes.io/part-of and app.kubernetes.io/managed-by');
    for (const line of out.stdout.slice(0, -1)) expect(line).toMatch(/^\[(mandatory|advisory)\] [a-z-]+ [A-Za-z]+\/[^:]+: .+$/);
    const { findings } = out.report!;
    const mandatory = findings.filter((f) => f.level === 'mandatory').length;
    expect(out.stdout[out.stdout.length - 1]).toBe(
      `${findings.length} violations (${mandatory} mandatory, ${findings.length - mandatory} advisory) in 2 objects (1 file)`,
    );
    expect(out.stderr).toEqual([]);
  });

  it('exits 0 when only advisory rules are violated, and with nothing to report', () => {
    const labelled = {
      'perflab.dev/experiment': 'runtime', 'perflab.dev/variant': 'go', 'perflab.dev/run': 'runtime-go-1a2b3c4d',
    };
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'lab', labels: labelled }, data: { a: 'b' } };
    const advisoryOnly = runCheck(write('cm.json', JSON.stringify(cm)));
    expect(advisoryOnly.exitCode).toBe(CHECK_EXIT.ok);
    expect(advisoryOnly.stdout).toEqual([
      '[advisory] recommended-labels ConfigMap/c: metadata.labels is missing app.kubernetes.io/name, app.kubernetes.io/instance, app.kubernetes.io/component, app.kubernetes.io/part-of and app.kubernetes.io/managed-by',
      '1 violation (0 mandatory, 1 advisory) in 1 object (1 file)',
    ]);
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab', labels: { ...labelled, 'app.kubernetes.io/name': 'lab', 'app.kubernetes.io/instance': 'runtime-go', 'app.kubernetes.io/component': 'namespace', 'app.kubernetes.io/part-of': 'perflab', 'app.kubernetes.io/managed-by': 'perflab' } } };
    expect(runCheck(write('ns.yaml', stringify(ns)))).toMatchObject({ exitCode: 0, stdout: ['no violations in 1 object (1 file)'] });
  });

  it('reads directories recursively, multi-document YAML, JSON arrays and List kinds', () => {
    const a = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'lab' } };
    write('tree/one.yaml', `${stringify(a)}---\n${stringify({ ...a, metadata: { name: 'b', namespace: 'lab' } })}---\n`);
    write('tree/sub/two.json', JSON.stringify([{ ...a, metadata: { name: 'c', namespace: 'lab' } }]));
    write('tree/sub/list.yaml', stringify({ apiVersion: 'v1', kind: 'List', items: [{ ...a, metadata: { name: 'd', namespace: 'lab' } }] }));
    write('tree/notes.txt', 'not a manifest');
    const { objects, files } = loadManifests(path.join(dir, 'tree'));
    expect(objects.map((o) => o.metadata?.name)).toEqual(['a', 'b', 'd', 'c']);
    expect(files.map((f) => path.relative(dir, f))).toEqual(['tree/one.yaml', 'tree/sub/list.yaml', 'tree/sub/two.json']);
    expect(runCheck(path.join(dir, 'tree')).stdout.at(-1)).toMatch(/ in 4 objects \(3 files\)$/);
  });

  it('exits 2 on bad input, naming the file and document', () => {
    const cases: Array<[string, string]> = [
      [path.join(dir, 'missing.yaml'), `perflab check ${path.join(dir, 'missing.yaml')}: ${path.join(dir, 'missing.yaml')}: no such file or directory`],
      [write('bad.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\na: [1\n'), 'bad.yaml document 2: not valid YAML'],
      [write('nokind.yaml', 'apiVersion: v1\nmetadata: {name: x}\n'), 'nokind.yaml document 1: not a Kubernetes object (apiVersion and kind are required)'],
      [write('bad.json', '{"kind":'), 'bad.json: not valid JSON'],
      ['runtime-nope', 'runtime-nope: not a file, a directory, or a stack with a file at stacks/Pulumi.runtime-nope.yaml'],
    ];
    for (const [target, message] of cases) {
      const out = runCheck(target, { project: REPO });
      expect(out.exitCode).toBe(CHECK_EXIT.badInput);
      expect(out.stdout).toEqual([]);
      expect(out.stderr.join('\n')).toContain(message);
    }
  });

  it('takes enforcement levels and settings from a --policy-pack-config file', () => {
    const target = fixture('service-exposure', 'fail.yaml');
    const relaxed = write('relaxed.json', JSON.stringify({ all: 'advisory', 'recommended-labels': 'disabled', 'service-exposure': { allow: [{ name: 'grafana' }] } }));
    const out = runCheck(target, { policyConfig: relaxed });
    expect(out.exitCode).toBe(CHECK_EXIT.ok);
    expect(out.stdout.filter((l) => l.includes('service-exposure'))).toEqual([
      '[advisory] service-exposure Service/api: spec.type is LoadBalancer; lab services are ClusterIP (allow-list the service if it must be reachable from outside)',
    ]);
    expect(out.stdout.some((l) => l.includes('recommended-labels'))).toBe(false);
    const strict = write('strict.json', JSON.stringify({ 'recommended-labels': { enforcementLevel: 'mandatory' } }));
    const raised = runCheck(fixture('recommended-labels', 'fail.yaml'), { policyConfig: strict }).stdout.filter((l) => l.includes(' recommended-labels '));
    expect(raised).toEqual(['[mandatory] recommended-labels Service/api: metadata.labels is missing app.kubernetes.io/instance, app.kubernetes.io/part-of and app.kubernetes.io/managed-by']);
  });

  it('rejects a policy config naming an unknown rule, a bad level or a bad setting (exit 2)', () => {
    const bad = write('bad-config.json', JSON.stringify({ 'image-pined': 'advisory', 'cloud-size': { maxVcpu: 'four', color: 'red' }, 'image-pinned': 'loud' }));
    const out = runCheck(fixture('image-pinned', 'pass.yaml'), { policyConfig: bad });
    expect(out.exitCode).toBe(CHECK_EXIT.badInput);
    const text = out.stderr.join('\n');
    expect(text).toContain('image-pined: not a rule of this pack');
    expect(text).toContain('image-pinned: enforcement level "loud" is not one of mandatory, advisory, disabled');
    expect(text).toContain('cloud-size.maxVcpu: must be number');
    expect(text).toContain('cloud-size: must NOT have additional properties (color; settings: allowedSizes, maxVcpu)');
    expect(runCheck(fixture('image-pinned', 'pass.yaml'), { policyConfig: write('not.json', '{') }).stderr[0]).toMatch(/--policy-config: .*not.json is not valid JSON/);
  });

  it('runs stack-level rules on files with the config of --stack', () => {
    const file = fixture('no-plaintext-secret-config', 'objects.yaml');
    const out = runCheck(file, { project: FIXTURE_PROJECT, stack: 'leaky' });
    expect(out.stdout.filter((l) => l.includes('no-plaintext-secret-config'))).toEqual([
      '[mandatory] no-plaintext-secret-config Stack/leaky: config perflab:dbPassword is stored in plain text in Pulumi.leaky.yaml; set it with pulumi config set --secret',
      '[mandatory] no-plaintext-secret-config Stack/leaky: config perflab:cloud.accessKey is stored in plain text in Pulumi.leaky.yaml; set it with pulumi config set --secret',
    ]);
    expect(runCheck(file, { project: FIXTURE_PROJECT, stack: 'nope' })).toMatchObject({ exitCode: 2 });
  });
});

describe('perflab check on a stack', () => {
  it('synthesizes the stack like perflab synth and checks it with its config', () => {
    const out = runCheck('runtime-go', { project: REPO });
    expect(out.stderr).toEqual([]);
    expect(out.report!.objectCount).toBe(5); // Namespace, Deployment, Service, ConfigMap, Job
    expect(out.stdout.at(-1)).toBe('no violations in 5 objects (stack runtime-go)');
    expect(out.exitCode).toBe(0);
  });
});

describe('perflab check as a process', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'check', ...args], { encoding: 'utf8', cwd: REPO, timeout: 120_000 });

  it('exits 1 with the violation lines on stdout, 2 with the reason on stderr, 0 on a clean stack', () => {
    const bad = run(fixture('image-pinned', 'fail.yaml'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('[mandatory] image-pinned Deployment/api: container "api" image "perflab/runtime-go:latest" uses the mutable tag "latest"; pin a version tag or a digest\n');
    const missing = run('/nonexistent/manifests');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('perflab check /nonexistent/manifests: /nonexistent/manifests: no such file or directory\n');
    const clean = run('runtime-rust');
    expect(clean.stdout).toBe('no violations in 5 objects (stack runtime-rust)\n');
    expect(clean.status).toBe(0);
  });
});
