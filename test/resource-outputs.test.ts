/**
 * A results resource's outputs must survive Pulumi's protobuf Struct encoding (the real engine's
 * path; mocks skip it): a nested undefined, NaN or Infinity failed a real update with
 * "Unexpected struct type".
 */
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { resourceOutputs } from '../src/cluster/resource-outputs';
import { RunResult } from '../src/results/run-result';

const runResult = {
  kind: 'perflab.dev/RunResult',
  id: 'run-1',
  latency: { p50: 1, p95: 2, p99: Number.NaN, max: Number.POSITIVE_INFINITY },
  endpoints: [{ name: 'json', notes: undefined }],
  notes: ['a', undefined],
  resources: [{ component: 'server', cpuCoreSeconds: undefined }],
} as unknown as RunResult;

describe('resourceOutputs', () => {
  it('gives outputs the engine can encode, whatever optional fields the RunResult leaves undefined', () => {
    expect(() => Struct.fromJavaScript({ runResult } as never)).toThrow('Unexpected struct type');
    const { id, outs } = resourceOutputs({ namespace: 'ns', cost: undefined }, runResult, { p95Ms: 2, cpuCoreSeconds: undefined });
    expect(id).toBe('run-1');
    const back = Struct.fromJavaScript(outs as never).toJavaScript();
    expect(back).toEqual({
      namespace: 'ns',
      p95Ms: 2,
      runResult: { kind: 'perflab.dev/RunResult', id: 'run-1', latency: { p50: 1, p95: 2, p99: null, max: null }, endpoints: [{ name: 'json' }], notes: ['a', null], resources: [{ component: 'server' }] },
    });
  });
});
