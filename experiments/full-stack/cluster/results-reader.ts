/**
 * The full-stack results reader: the shared reader (k6 summary, resources of every measured
 * component, cost) and then the layer breakdown from the run's traces — the Collector's pod
 * log parsed line by line, spans inside the run's window only — added as RunResult.layers.
 */
import { ClusterClient } from '../../../src/cluster/cluster-client';
import { Clock, systemClock } from '../../../src/cluster/await-runner';
import { RunResultsOutcome, readRunResults } from '../../../src/cluster/results-reader';
import { unfetchedLogs } from '../../../src/cluster/runner-logs';
import { RunResultSchema } from '../../../src/results/run-result';
import { describeBreakdown } from '../report';
import { layerBreakdown } from '../trace/layer-breakdown';
import { spansOfJsonLines } from '../trace/otlp-json';
import { FullStackResultsRequest } from './results-request';

/** Waits for the run, reads it, and adds the layer breakdown when the run was traced. */
export async function readFullStackRunResults(client: ClusterClient, req: FullStackResultsRequest, clock: Clock = systemClock): Promise<RunResultsOutcome> {
  const outcome = await readRunResults(client, req, clock);
  if (!req.traces) return outcome;
  const r = outcome.runResult;
  const pods = await client.podLogs(req.traces.namespace, req.traces.selector, { container: req.traces.container });
  const { spans, malformedLines } = spansOfJsonLines(pods.map((p) => p.log).join('\n'));
  const from = Date.parse(r.startedAt) * 1000;
  const to = Date.parse(r.finishedAt) * 1000;
  const layers = layerBreakdown(spans.filter((s) => s.startUs >= from && s.startUs <= to), { clientMeanMs: r.latency.mean, serviceLayers: req.traces.serviceLayers });
  const notes = [...r.notes, `layer breakdown (RunResult.layers) from the Collector's log of ${pods.length} pod(s): ${describeBreakdown(layers)}`];
  const unfetched = unfetchedLogs(req.traces.namespace, pods);
  if (unfetched) notes.push(`the layer breakdown misses traces: ${unfetched}`);
  if (malformedLines) notes.push(`${malformedLines} trace line(s) of the Collector's log could not be parsed (cut by log rotation?)`);
  if (layers.traces === 0) notes.push('no complete trace in the run\'s window: check the Collector\'s log (kubectl logs -l perflab.dev/layer=observability)');
  return { ...outcome, runResult: RunResultSchema.parse({ ...r, layers, notes }) };
}
