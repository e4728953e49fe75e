/**
 * `npm run bench -- mesh`: how long the mesh experiment's 100-service chart takes to synthesize
 * (config → 100 Deployments + 100 Services + mTLS objects + one k6 run per step), per variant and
 * topology, goal < 1 s; plus its offline validation (Kubernetes + CRD schemas) for reference.
 * Medians of ROUNDS after one warm-up call (which loads the modules and is printed apart).
 */
import { readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { stackSpec } from '../src/cluster/stack-spec';
import { validateManifests } from '../src/cluster/validate-manifests';
import { MESH_VARIANTS } from '../experiments/mesh/meshes';
import { synthesizeMeshChart } from '../experiments/mesh/workload-chart';
import { median, timeMs } from './_timing';

/** Name used to select this benchmark. */
export const name = 'mesh';

const ROUNDS = 21;
const GOAL_MS = 1000;

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/** Runs the measurements and prints them. */
export async function run(): Promise<void> {
  const specs = MESH_VARIANTS.flatMap((v) =>
    (['chain', 'fanout'] as const).map((topology) => {
      const stack = `mesh-${v}`;
      return { label: `${stack} ${topology}`, s: stackSpec(stack, { ...readStackConfig(stackFilePath(stack)), 'perflab:services': '100', 'perflab:topology': topology }) };
    }),
  );
  const first = timeMs(() => synthesizeMeshChart(specs[0].s.spec, specs[0].s.runId, specs[0].s.options));
  process.stdout.write(`100-service mesh chart synthesis, median of ${ROUNDS} (goal < ${GOAL_MS} ms); first call ${fmt(first)} (module warm-up)\n`);
  let worst = 0;
  for (const { label, s } of specs) {
    const ms = median(Array.from({ length: ROUNDS }, () => timeMs(() => synthesizeMeshChart(s.spec, s.runId, s.options))));
    worst = Math.max(worst, ms);
    const objects = synthesizeMeshChart(s.spec, s.runId, s.options).length;
    process.stdout.write(`  ${label.padEnd(28)} ${String(objects).padStart(4)} objects  ${fmt(ms)}\n`);
  }
  process.stdout.write(`  slowest: ${fmt(worst)} ${worst < GOAL_MS ? 'ok' : 'OVER GOAL'}\n`);
  const objs = synthesizeMeshChart(specs[0].s.spec, specs[0].s.runId, specs[0].s.options);
  const firstValidate = timeMs(() => validateManifests(objs));
  const validate = median(Array.from({ length: 5 }, () => timeMs(() => validateManifests(objs))));
  process.stdout.write(`offline validation of the ${objs.length} objects: ${fmt(validate)} (first ${fmt(firstValidate)}: compiles the validators)\n`);
}
