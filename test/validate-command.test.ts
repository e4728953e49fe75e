/**
 * `perflab validate`: hand-written manifests of core kinds, CNPG, Strimzi (KRaft + node pools),
 * RabbitMQ and a k6 TestRun pass; the mistakes the API server's strict field validation rejects
 * are each reported once with their path and a did-you-mean or the allowed values.
 */
import * as path from 'path';
import { runValidate } from '../src/cli/commands/validate';
import { validateManifest, formatProblem } from '../src/cluster/validate-manifests';
import { didYouMean, unknownFields } from '../src/cluster/strict-fields';

const FIXTURES = path.join(__dirname, 'fixtures', 'manifests');

describe('perflab validate', () => {
  it('passes hand-written valid manifests of core and custom kinds', () => {
    const r = runValidate([path.join(FIXTURES, 'valid.yaml')]);
    expect(r.stdout).toEqual(['11 objects valid (1 file)']);
    expect(r.exitCode).toBe(0);
  });

  it('reports unknown fields, a missing image, bad names and bad values, each once, with paths and hints', () => {
    const r = runValidate([FIXTURES]);
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.map((l) => l.replace(/^.*invalid\.yaml: /, ''));
    expect(lines).toEqual([
      'Deployment/Web_Bad: spec.template.spec.containers[0].imagePullPolicy: "Sometimes" is not one of "Always", "IfNotPresent", "Never"',
      'Deployment/Web_Bad: spec.replicaz: is not a known field; did you mean replicas?',
      `Deployment/Web_Bad: metadata.name: "Web_Bad" is not valid: must be a lowercase RFC 1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; did you mean "web-bad"?`,
      'Deployment/Web_Bad: spec.template.spec.containers[0].image: is required',
      'RabbitmqCluster/Rmq_BadName: specs: is not a known field; did you mean spec?',
      `RabbitmqCluster/Rmq_BadName: metadata.name: "Rmq_BadName" is not valid: must be a lowercase RFC 1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit; did you mean "rmq-badname"?`,
      'Service/9web: spec.selectr: is not a known field; did you mean selector?',
      `Service/9web: metadata.name: "9web" is not valid: must be a lowercase RFC 1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit; did you mean "web"?`,
      '8 problem(s) in 3 of 14 objects (2 files)',
    ]);
  });

  it('exits 2 naming a path that holds no manifests', () => {
    const r = runValidate([path.join(FIXTURES, 'nope.yaml')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toEqual([`perflab validate: ${path.join(FIXTURES, 'nope.yaml')}: no such file or directory`]);
  });
});

describe('strict fields of core kinds', () => {
  it('judges structured nodes only: maps (labels, data) and free-form objects (RawExtension) pass', () => {
    const revision = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r', labels: { anyKey: 'x' } }, revision: 1, data: { whatever: { nested: true } } };
    expect(validateManifest(revision)).toEqual([]);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'a/b': 'c' } }, data: { anything: 'x' }, dataa: {} };
    expect(validateManifest(cm).map(formatProblem)).toEqual(['ConfigMap/c: dataa: is not a known field; did you mean data?']);
  });

  it('tracks what a validator reads, even when it throws', () => {
    const found = unknownFields({ a: 1, b: { c: 2, d: 3 } }, (v) => {
      const o = v as { a: number; b: { c: number } };
      void o.a;
      void o.b.c;
      throw new Error('schema error');
    });
    expect(found).toEqual([{ path: ['b', 'd'], known: ['c'] }]);
  });

  it('suggests a known name only for a likely misspelling', () => {
    expect(didYouMean('replicaz', ['replicas', 'selector'])).toBe('replicas');
    expect(didYouMean('zzz', ['replicas', 'selector'])).toBeUndefined();
  });
});
