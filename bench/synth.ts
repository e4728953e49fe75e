/**
 * `npm run bench -- synth`: how long the cluster side takes without a cluster.
 * 1. synthesis of every stack (config → Namespace + chart objects), and offline validation;
 * 2. a 100-service chart built from 100 RuntimeApi constructs vs. the same 200 objects written as
 *    raw cdk8s ApiObjects (object literals; checked identical) — the constructs' overhead, goal ≤ 1.2×;
 * 3. every stack's Pulumi program under mocks (first run includes loading the modules).
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as pulumi from '@pulumi/pulumi';
import { RuntimeApi } from '../constructs/runtime-api';
import { listStacks, readStackConfig, stackFilePath } from '../src/cluster/stack-file';
import { synthesizeStack } from '../src/cluster/synth-stack';
import { validateManifests } from '../src/cluster/validate-manifests';
import { median, timeMs } from './_timing';

/** Name used to select this benchmark. */
export const name = 'synth';

const SERVICES = 100;
const ROUNDS = 31;

const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;

function hundredApis(): Record<string, unknown>[] {
  const chart = new Chart(new App(), 'many', { namespace: 'bench', disableResourceNameHashes: true });
  for (let i = 0; i < SERVICES; i++) {
    new RuntimeApi(chart, `api${i}`, { identity: { experiment: 'runtime', variant: 'go', run: 'bench-1' }, name: `api-${i}`, image: 'perflab/runtime-go:0.1.0', port: 8080 });
  }
  return chart.toJson();
}

/**
 * The same 100 Deployments + Services written as plain cdk8s ApiObjects, the way a chart without
 * perflab's constructs would (object literals, no validation, no label helpers).
 */
function rawHundred(): Record<string, unknown>[] {
  const chart = new Chart(new App(), 'raw', { namespace: 'bench', disableResourceNameHashes: true });
  for (let i = 0; i < SERVICES; i++) {
    const name = `api-${i}`;
    const selector = { 'app.kubernetes.io/name': 'runtime-api', 'app.kubernetes.io/instance': 'runtime-go', 'app.kubernetes.io/component': 'server' };
    const labels = { ...selector, 'app.kubernetes.io/part-of': 'perflab', 'app.kubernetes.io/managed-by': 'perflab', 'perflab.dev/experiment': 'runtime', 'perflab.dev/variant': 'go', 'perflab.dev/run': 'bench-1' };
    const probe = (extra: Record<string, number>) => ({ httpGet: { path: '/health', port: 'http' }, timeoutSeconds: 2, ...extra });
    new ApiObject(chart, `d${i}`, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { ...selector } },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            terminationGracePeriodSeconds: 15,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'api',
                image: 'perflab/runtime-go:0.1.0',
                imagePullPolicy: 'IfNotPresent',
                ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
                env: [
                  { name: 'HOST', value: '0.0.0.0' },
                  { name: 'PORT', value: '8080' },
                ],
                resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
                readinessProbe: probe({ periodSeconds: 2, failureThreshold: 3 }),
                livenessProbe: probe({ initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 6 }),
                securityContext: { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
          },
        },
      },
    });
    new ApiObject(chart, `s${i}`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels },
      spec: { type: 'ClusterIP', selector: { ...selector }, ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }] },
    });
  }
  return chart.toJson();
}

async function programUnderMocks(stack: string): Promise<number> {
  const t = process.hrtime.bigint();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, p50Ms: 1, p95Ms: 2, p99Ms: 3, rps: 4, errorRate: 0, thresholdsPassed: true, runResult: {} } }),
      call: () => ({}),
    },
    'perflab',
    stack,
    false,
  );
  pulumi.runtime.setAllConfig(readStackConfig(stackFilePath(stack)));
  const index = require.resolve('../index');
  delete require.cache[index];
  const program = require(index) as Record<string, unknown>;
  for (const v of Object.values(program)) if (pulumi.Output.isInstance(v)) await (v as unknown as { promise(): Promise<unknown> }).promise();
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Runs the three measurements and prints them. */
export async function run(): Promise<void> {
  const stacks = listStacks();
  const first = timeMs(() => synthesizeStack(stacks[0]));
  const perStack = stacks.map((s) => ({ s, ms: median(Array.from({ length: ROUNDS }, () => timeMs(() => synthesizeStack(s)))) }));
  const objects = synthesizeStack(stacks[0]).objects;
  const firstValidate = timeMs(() => validateManifests(objects));
  const validate = median(Array.from({ length: ROUNDS }, () => timeMs(() => validateManifests(objects))));
  process.stdout.write(`stack synthesis (config → Namespace + chart), median of ${ROUNDS}; first call ${fmt(first)} (module warm-up)\n`);
  for (const { s, ms } of perStack) process.stdout.write(`  ${s.padEnd(16)} ${fmt(ms)}\n`);
  process.stdout.write(`  offline validation of one stack's ${objects.length} objects: ${fmt(validate)} (first ${fmt(firstValidate)}: loads the validators)\n`);

  const objs = hundredApis();
  if (JSON.stringify(objs) !== JSON.stringify(rawHundred())) throw new Error('bench: the raw chart does not produce the same objects as the RuntimeApi chart');
  for (let i = 0; i < 5; i++) {
    hundredApis();
    rawHundred();
  }
  const constructs: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    constructs.push(timeMs(hundredApis));
    raw.push(timeMs(rawHundred));
  }
  const ratio = median(constructs) / median(raw);
  process.stdout.write(
    `${SERVICES}-service chart (${objs.length} objects): RuntimeApi constructs ${fmt(median(constructs))} vs raw cdk8s ApiObjects ${fmt(median(raw))}: ratio ${ratio.toFixed(2)}x (goal ≤ 1.20x) ${ratio <= 1.2 ? 'ok' : 'OVER GOAL'}\n`,
  );

  const times: Array<{ s: string; ms: number }> = [];
  for (const s of stacks) times.push({ s, ms: await programUnderMocks(s) });
  process.stdout.write(`Pulumi program under mocks (index.ts, every stack):\n`);
  times.forEach(({ s, ms }, i) => process.stdout.write(`  ${s.padEnd(16)} ${fmt(ms)}${i === 0 ? ' (first: loads @pulumi/kubernetes and the program)' : ''}\n`));
  process.stdout.write(`  all ${stacks.length} stacks: ${fmt(times.reduce((a, b) => a + b.ms, 0))}\n`);
}
