/**
 * Fixed-RPS steps. The stack's load profile is an open-model profile whose every stage is one
 * step: a constant arrival rate (`target` requests/s) held for `durationSeconds`. Each step runs
 * as its own k6 run, one after the other, so each gets exact latency percentiles of its own
 * (k6's summary cannot split one run by stage). Ramps are not run: the rate jumps to the step's.
 * Results of a step are labelled `<stack>.<topology>-<services>` and carry the step's profile
 * (name `<profile>-s<i>-<rps>rps`), so repeats of one configuration and step group together.
 */
import { ResolvedLoadProfile, openModelMaxVUs } from '../../src/load/profile';
import { Topology } from './topology';

/** One fixed-RPS step of a run. */
export interface MeshStep {
  /** 1-based position. */
  readonly index: number;
  /** Requests per second. */
  readonly rps: number;
  /** The step's own profile: constant `rps` for the stage's duration. */
  readonly profile: ResolvedLoadProfile;
}

/** A profile the mesh experiment cannot run. */
export class MeshProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeshProfileError';
  }
}

/** The steps of a stack's profile; throws MeshProfileError naming what to change. */
export function meshSteps(profile: ResolvedLoadProfile): MeshStep[] {
  if (profile.model !== 'open') {
    throw new MeshProfileError(`perflab:load: profile "${profile.name}" uses the ${profile.model} model; the mesh experiment needs fixed request rates: set "model": "open" (each stage is one step at its target requests/s)`);
  }
  if (profile.pattern.kind !== 'steady') {
    throw new MeshProfileError(`perflab:load: profile "${profile.name}" has pattern "${profile.pattern.kind}"; the mesh experiment's steps are constant rates: use pattern "steady"`);
  }
  const maxVUs = openModelMaxVUs(profile);
  return profile.stages.map((stage, i) => {
    if (stage.target <= 0) throw new MeshProfileError(`perflab:load.stages[${i}].target: ${stage.target} is not a request rate; every stage of a mesh profile is a step with a rate > 0`);
    const rps = stage.target;
    return {
      index: i + 1,
      rps,
      profile: {
        ...profile,
        name: `${profile.name}-s${i + 1}-${formatRps(rps)}rps`,
        description: `step ${i + 1} of ${profile.stages.length} of ${profile.name}: ${rps} requests/s for ${stage.durationSeconds} s`,
        startTarget: rps,
        stages: [{ durationSeconds: stage.durationSeconds, target: rps }],
        maxVUs,
      },
    };
  });
}

/** `12.5` → `12.5`, `400` → `400` (a label-safe rate). */
function formatRps(rps: number): string {
  return String(Math.round(rps * 1000) / 1000).replace('.', 'p');
}

/** Run id of a step: `<run>-s<i>` (labels of its k6 objects, id of its RunResult). */
export function stepRunId(runId: string, step: Pick<MeshStep, 'index'>): string {
  return `${runId}-s${step.index}`;
}

/** What a mesh RunResult's label says about its configuration. */
export interface MeshRunLabel {
  readonly stack: string;
  readonly topology: Topology;
  readonly services: number;
}

/** `mesh-istio.chain-100`. */
export function meshRunLabel(l: MeshRunLabel): string {
  return `${l.stack}.${l.topology}-${l.services}`;
}

/** The configuration in a mesh RunResult's label, or undefined when it is not one. */
export function parseMeshRunLabel(label: string | undefined): MeshRunLabel | undefined {
  const m = label === undefined ? null : /^(.+)\.(chain|fanout)-(\d+)$/.exec(label);
  return m ? { stack: m[1], topology: m[2] as Topology, services: Number(m[3]) } : undefined;
}
