/**
 * Reading the workload Job's pod log: the tool's report between the markers job-script.ts
 * prints, the folded pgbench latency histogram, and the tool's exit code — parsed with the same
 * parsers the local target uses. A log without the markers fails naming what is missing.
 */
import { parseHistogramLines } from '../parsers/histogram-lines';
import { parsePgbench } from '../parsers/pgbench';
import { parseSysbench } from '../parsers/sysbench';
import { parseTpccStyle } from '../parsers/tpcc-style';
import { ToolReport } from '../parsers/tool-report';
import { JOB_MARKERS } from '../manifests/job-script';

/** The sections of a workload Job's log. */
export interface JobLogSections {
  readonly workload: string;
  readonly tool: 'pgbench' | 'sysbench' | 'tpccstyle';
  /** What the tool printed during the measured run. */
  readonly output: string;
  /** `<value µs> <count>` lines (pgbench only). */
  readonly histogram?: string;
  /** The tool's exit code, when the end marker was reached. */
  readonly exitCode?: number;
  /** When the measured run began (the Job's clock, epoch seconds). */
  readonly startedAtEpoch?: number;
}

/** Splits a Job log into its sections; throws when the measured run never began. */
export function jobLogSections(log: string, source: string): JobLogSections {
  const begin = new RegExp(`^${JOB_MARKERS.begin} workload=(\\S+) tool=(pgbench|sysbench|tpccstyle)(?: at=(\\d+))? ===$`, 'm').exec(log);
  if (!begin) {
    const failed = /^perflab-db: FAILED: (.*)$/m.exec(log)?.[1];
    throw new Error(`${source}: the measured run never began (${failed ? `the Job said: ${failed}` : `no "${JOB_MARKERS.begin}" line`})`);
  }
  const rest = log.slice(begin.index + begin[0].length + 1);
  const end = new RegExp(`^${JOB_MARKERS.end} exit=(\\d+) ===$`, 'm').exec(rest);
  const body = end ? rest.slice(0, end.index) : rest;
  const h = body.indexOf(`${JOB_MARKERS.histogram}\n`);
  return {
    workload: begin[1],
    tool: begin[2] as JobLogSections['tool'],
    output: h >= 0 ? body.slice(0, h) : body,
    histogram: h >= 0 ? body.slice(h + JOB_MARKERS.histogram.length + 1) : undefined,
    exitCode: end ? Number(end[1]) : undefined,
    startedAtEpoch: begin[3] ? Number(begin[3]) : undefined,
  };
}

/** The ToolReport of a Job log. */
export function parseJobLog(log: string, source: string): { sections: JobLogSections; report: ToolReport } {
  const sections = jobLogSections(log, source);
  if (sections.tool === 'pgbench') {
    if (sections.histogram === undefined) throw new Error(`${source}: pgbench's latency histogram is missing (no "${JOB_MARKERS.histogram}" line)`);
    return { sections, report: parsePgbench({ output: sections.output, histogram: parseHistogramLines(sections.histogram), exitCode: sections.exitCode }) };
  }
  if (sections.tool === 'tpccstyle') return { sections, report: parseTpccStyle(sections.output) };
  return { sections, report: parseSysbench(sections.output, sections.exitCode) };
}
