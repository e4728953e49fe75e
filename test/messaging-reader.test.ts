/**
 * The messaging cluster reader against a fake cluster: a harness log that could not be fetched
 * is reported as such (pod, HTTP status, the API server's message), not as unparsable output.
 */
import { readMessagingResults } from '../experiments/messaging/cluster/results-reader';
import { MessagingResultsRequest } from '../experiments/messaging/cluster/results-request';
import { RunFailedError } from '../src/cluster/await-runner';
import { FakeCluster, FakeClock, runRequest } from './fixtures/cluster/fake-cluster';

/** The shared part of the request; the reader gives up before it reads the scenario and workload. */
const request = runRequest({ namespace: 'perflab-mq-rabbitmq', runner: { kind: 'Job', name: 'mqbench-1a2b3c4d', selector: { 'app.kubernetes.io/component': 'load-generator' }, parallelism: 1 } }) as MessagingResultsRequest;

describe('readMessagingResults', () => {
  it('says first that the harness log could not be fetched, naming the pod, the HTTP status and the API server\'s message', async () => {
    const logError = { status: 400, message: 'container "mqbench" in pod "mqbench-1a2b3c4d-x" is waiting to start: ContainerCreating' };
    const cluster = new FakeCluster({ statuses: [{ state: 'succeeded' }], runners: [{ name: 'mqbench-1a2b3c4d-x', phase: 'Succeeded', exitCode: 0, log: '', logError }] });
    const err = (await readMessagingResults(cluster, request, new FakeClock()).catch((e) => e)) as RunFailedError;
    expect(err).toBeInstanceOf(RunFailedError);
    expect(err.kind).toBe('logs');
    expect(err.message).toBe(
      'mqbench Job perflab-mq-rabbitmq/mqbench-1a2b3c4d finished but the log of pod perflab-mq-rabbitmq/mqbench-1a2b3c4d-x could not be fetched: the API server answered HTTP 400: container "mqbench" in pod "mqbench-1a2b3c4d-x" is waiting to start: ContainerCreating',
    );
  });
});
