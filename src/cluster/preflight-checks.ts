/**
 * `perflab preflight`'s checks: what a stack needs (stack-needs.ts, its prerequisites and charts)
 * against what a cluster has (PreflightInventory) and what the chart repositories list. Each
 * check yields findings of one of four states: `ok`, `warning` (the run works, with less),
 * `unverified` (the cluster or a repository cannot say) and `blocker` (`pulumi up` would fail).
 */
import { ChartRef, ChartResolution } from './chart-index';
import { CLUSTER_CONFIG_NAMESPACE } from './cluster-config';
import { CrdState, NodeState, PreflightInventory } from './preflight-inventory';
import { Prerequisites, RequiredCrd } from './prerequisites';
import { CustomKindUse, MIN_KUBERNETES_MINOR, NodeNeed } from './stack-needs';
import { sameImageRef } from './image-ref';

/** How a finding stands. */
export type FindingState = 'ok' | 'warning' | 'unverified' | 'blocker';

/** One row of the preflight table. */
export interface Finding {
  /** Which check: `api-server`, `crd`, `metrics`, `nodes`, `gateway-api`, `chart`, `image`. */
  readonly check: string;
  /** What was checked, e.g. a CRD or chart name. */
  readonly subject: string;
  readonly state: FindingState;
  /** What was found. */
  readonly found: string;
  /** What to do about it (absent when nothing needs doing). */
  readonly fix?: string;
}

/** Everything the checks need to know about a stack. */
export interface PreflightNeeds {
  /** CRDs and Services that must already be on the cluster (the stack does not install them). */
  readonly prerequisites: Prerequisites;
  /** CRDs the stack's own Helm releases install (present ones are checked for their owner). */
  readonly installedByStack: readonly RequiredCrd[];
  /** Custom kinds the manifests send (their CRDs must serve the version). */
  readonly customKinds: readonly CustomKindUse[];
  readonly charts: readonly ChartRef[];
  readonly images: readonly string[];
  readonly nodes: NodeNeed;
}

/** The APIService metrics-server registers (the results reader reads PodMetrics through it). */
export const METRICS_API_SERVICE = 'v1beta1.metrics.k8s.io';

/**
 * The Gateway API CRDs a `linkerd-crds` release installs for its values. In linkerd2 edge-25.9.2
 * (chart 2025.9.2) `installGatewayAPI` defaults to true and `enableHttpRoutes` (HTTPRoute,
 * GRPCRoute), `enableTlsRoutes` and `enableTcpRoutes` override it per CRD
 * (charts/linkerd-crds/values.yaml and templates/gateway.networking.k8s.io_*.yaml at that tag).
 */
export function linkerdGatewayApiCrds(values: Readonly<Record<string, unknown>> = {}): string[] {
  const all = values.installGatewayAPI ?? true;
  const on = (key: string): boolean => (key in values ? values[key] : all) === true;
  return [...(on('enableHttpRoutes') ? ['httproutes', 'grpcroutes'] : []), ...(on('enableTlsRoutes') ? ['tlsroutes'] : []), ...(on('enableTcpRoutes') ? ['tcproutes'] : [])].map(
    (p) => `${p}.gateway.networking.k8s.io`,
  );
}

const HELM_RELEASE = 'meta.helm.sh/release-name';
const HELM_NAMESPACE = 'meta.helm.sh/release-namespace';
const MANAGED_BY = 'app.kubernetes.io/managed-by';

/** Who installed a CRD, from Helm's ownership annotations or the managed-by label. */
export function ownerOf(crd: Pick<CrdState, 'labels' | 'annotations'>): { helmRelease?: string; helmNamespace?: string; text: string } {
  const release = crd.annotations[HELM_RELEASE];
  const ns = crd.annotations[HELM_NAMESPACE];
  if (release) return { helmRelease: release, helmNamespace: ns, text: `Helm release ${ns ? `${ns}/` : ''}${release}` };
  const managed = crd.labels[MANAGED_BY];
  return { text: managed ? `managed by ${managed}` : 'no owner recorded (applied directly)' };
}

/** The API server's version against the manifests' minimum. */
export function apiServerFinding(gitVersion: string, minor: number, major: number): Finding {
  const subject = `Kubernetes ≥ 1.${MIN_KUBERNETES_MINOR}`;
  if (!Number.isFinite(minor) || !Number.isFinite(major)) return { check: 'api-server', subject, state: 'unverified', found: `version ${JSON.stringify(gitVersion)} not understood` };
  if (major > 1 || minor >= MIN_KUBERNETES_MINOR) return { check: 'api-server', subject, state: 'ok', found: gitVersion };
  return {
    check: 'api-server',
    subject,
    state: 'blocker',
    found: `${gitVersion}: older than the Kubernetes 1.${MIN_KUBERNETES_MINOR} API the manifests are written for (cdk8s-plus-28)`,
    fix: `upgrade the cluster to 1.${MIN_KUBERNETES_MINOR} or newer`,
  };
}

async function crdFindings(needs: PreflightNeeds, inv: PreflightInventory, releases: ReadonlySet<string>): Promise<Finding[]> {
  const out: Finding[] = [];
  const names = [...new Set([...needs.prerequisites.crds.map((c) => c.name), ...needs.installedByStack.map((c) => c.name), ...needs.customKinds.map((k) => k.crd)])];
  const states = new Map(await Promise.all(names.map(async (n) => [n, await inv.crd(n)] as const)));
  const required = new Map(needs.prerequisites.crds.map((c) => [c.name, c]));
  const installed = new Map(needs.installedByStack.map((c) => [c.name, c]));
  for (const name of names) {
    const crd = states.get(name);
    const versions = needs.customKinds.filter((k) => k.crd === name).map((k) => k.version);
    const byStack = installed.get(name);
    if (!crd) {
      if (byStack && !required.has(name)) {
        out.push({ check: 'crd', subject: name, state: 'ok', found: `absent; the stack installs it (${byStack.providedBy})` });
      } else {
        const provider = required.get(name)?.providedBy;
        out.push({ check: 'crd', subject: name, state: 'blocker', found: 'missing', fix: provider ? `install ${provider}` : `install the CRD that serves ${needs.customKinds.find((k) => k.crd === name)?.apiVersion ?? name}` });
      }
      continue;
    }
    const owner = ownerOf(crd);
    const unserved = versions.filter((v) => !crd.servedVersions.includes(v));
    if (unserved.length) {
      out.push({ check: 'crd', subject: name, state: 'blocker', found: `serves ${crd.servedVersions.join(', ') || 'no version'}; the manifests send ${unserved.join(', ')} (${owner.text})`, fix: `upgrade what installed it to a release serving ${unserved.join(', ')}` });
    } else if (!crd.established) {
      out.push({ check: 'crd', subject: name, state: 'blocker', found: `present but not Established (${owner.text})`, fix: `kubectl describe crd ${name}` });
    } else if (byStack && !required.has(name) && !(owner.helmRelease && releases.has(owner.helmRelease))) {
      out.push({
        check: 'crd',
        subject: name,
        state: 'warning',
        found: `already installed (${owner.text}); the stack would install it again with ${byStack.providedBy}`,
        fix: 'use the installed one: perflab-cluster:operators: preinstalled (or uninstall it first); Helm does not adopt objects another release or tool owns',
      });
    } else {
      out.push({ check: 'crd', subject: name, state: 'ok', found: `present (${owner.text})` });
    }
  }
  return out;
}

async function serviceFindings(needs: PreflightNeeds, inv: PreflightInventory): Promise<Finding[]> {
  return Promise.all(
    (needs.prerequisites.services ?? []).map(async (s): Promise<Finding> => {
      const subject = `service ${s.namespace}/${s.name}`;
      return (await inv.serviceExists(s.namespace, s.name))
        ? { check: 'service', subject, state: 'ok', found: 'present' }
        : { check: 'service', subject, state: 'blocker', found: 'missing', fix: `install ${s.providedBy}` };
    }),
  );
}

async function metricsFinding(inv: PreflightInventory): Promise<Finding> {
  const s = await inv.apiService(METRICS_API_SERVICE);
  const subject = `metrics-server (${METRICS_API_SERVICE})`;
  const without = 'runs record no CPU or memory of the system under test (the results say so)';
  if (!s) return { check: 'metrics', subject, state: 'warning', found: `no APIService: ${without}`, fix: 'install metrics-server (k3s bundles it)' };
  if (!s.available) return { check: 'metrics', subject, state: 'warning', found: `not available (${s.message}): ${without}`, fix: 'kubectl -n kube-system logs deploy/metrics-server' };
  return { check: 'metrics', subject, state: 'ok', found: 'available' };
}

/** Schedulable nodes (matching the selector, if any) against the need. */
export function nodesFinding(nodes: readonly NodeState[], need: NodeNeed): Finding {
  const matching = nodes.filter((n) => n.schedulable && Object.entries(need.selector ?? {}).every(([k, v]) => n.labels[k] === v));
  const subject = `${need.count} schedulable node(s)${need.selector ? ' with the selector' : ''}`;
  const found = `${matching.length} of ${nodes.length} node(s) schedulable${need.selector ? ' and matching' : ''}`;
  if (matching.length >= need.count) return { check: 'nodes', subject, state: 'ok', found: `${found}; ${need.why}` };
  return { check: 'nodes', subject, state: 'blocker', found: `${found}; ${need.why}`, fix: need.selector ? 'label a node with the selector, or change perflab-cluster:nodeSelector' : `add nodes, or use perflab-cluster:placement preferred-anti-affinity` };
}

/** The Gateway API CRDs Linkerd's policy controller reads, whoever installs them. */
export const LINKERD_NEEDS_GATEWAY_API_CRDS = ['httproutes', 'grpcroutes'].map((p) => `${p}.gateway.networking.k8s.io`);

/** The stack key that says who provides the Gateway API CRDs Linkerd needs (src/cluster/cluster-config.ts). */
const GATEWAY_API_KEY = `${CLUSTER_CONFIG_NAMESPACE}:gatewayApiCrds`;

/**
 * Linkerd and the Gateway API CRDs: when its linkerd-crds release installs them, none may exist
 * under another owner (Helm refuses to adopt them); when it is told not to, Linkerd needs
 * HTTPRoute and GRPCRoute already on the cluster.
 */
async function gatewayApiFindings(needs: PreflightNeeds, inv: PreflightInventory): Promise<Finding[]> {
  const linkerdCrds = needs.charts.find((c) => c.chart === 'linkerd-crds');
  if (!linkerdCrds) return [];
  const subject = 'Gateway API CRDs vs linkerd-crds';
  const installs = linkerdGatewayApiCrds(linkerdCrds.values);
  if (!installs.length) {
    const states = await Promise.all(LINKERD_NEEDS_GATEWAY_API_CRDS.map(async (n) => [n, await inv.crd(n)] as const));
    const missing = states.filter(([, c]) => !c).map(([n]) => n);
    if (missing.length) {
      return [{ check: 'gateway-api', subject, state: 'blocker', found: `Linkerd needs ${missing.join(', ')}; missing, and linkerd-crds is told not to install them (installGatewayAPI: false)`, fix: `install the Gateway API standard CRDs, or let linkerd-crds install them: ${GATEWAY_API_KEY}: linkerd` }];
    }
    return [{ check: 'gateway-api', subject, state: 'ok', found: `present for Linkerd: ${states.map(([n, c]) => `${n} (${ownerOf(c!).text})`).join(', ')}; linkerd-crds installs none` }];
  }
  const present = (await Promise.all(installs.map(async (n) => [n, await inv.crd(n)] as const))).filter(([, c]) => c && ownerOf(c).helmRelease !== (linkerdCrds.release ?? linkerdCrds.chart));
  if (!present.length) return [{ check: 'gateway-api', subject, state: 'ok', found: `none of ${installs.join(', ')} installed by others` }];
  const names = present.map(([n, c]) => `${n} (${ownerOf(c!).text})`).join(', ');
  return [
    {
      check: 'gateway-api',
      subject,
      state: 'blocker',
      found: `present: ${names}; the linkerd-crds release would install them too (installGatewayAPI defaults to true in chart ${linkerdCrds.version})`,
      fix: `use the installed ones: ${GATEWAY_API_KEY}: preinstalled (linkerd-crds then gets installGatewayAPI: false)`,
    },
  ];
}

/** One finding per chart from its repository's answer. */
export function chartFindings(charts: readonly ChartRef[], resolved: readonly ChartResolution[]): Finding[] {
  return charts.map((c, i) => {
    const r = resolved[i];
    const subject = `${c.chart} ${c.version}`;
    if (r.state === 'found') return { check: 'chart', subject, state: 'ok', found: `listed in ${c.repo}` };
    if (r.state === 'missing') return { check: 'chart', subject, state: 'blocker', found: `not in ${c.repo} (it lists ${r.available.join(', ') || 'no version of it'})`, fix: 'change the pin in the versions file of the experiment' };
    return { check: 'chart', subject, state: 'unverified', found: `repository not reached: ${r.reason}`, fix: 'check from a machine that reaches the repository: helm show chart --repo <repo> <chart> --version <version>' };
  });
}

/** An image is known pullable when some node already has it (`status.images`); otherwise the cluster cannot say. */
export function imageFindings(images: readonly string[], nodes: readonly NodeState[]): Finding[] {
  return images.map((image) => {
    const on = nodes.filter((n) => n.images.some((i) => sameImageRef(i, image)));
    return on.length
      ? { check: 'image', subject: image, state: 'ok', found: `on ${on.length} node(s) already` }
      : { check: 'image', subject: image, state: 'unverified', found: 'no node has it yet; the cluster cannot say whether it pulls', fix: `crictl pull ${image} on a node (or a registry mirror) to be sure` };
  });
}

/** Runs every check of `needs` against `inv`; `resolveCharts` answers for the chart repositories. */
export async function runPreflight(needs: PreflightNeeds, inv: PreflightInventory, resolveCharts: (charts: readonly ChartRef[]) => Promise<ChartResolution[]>): Promise<Finding[]> {
  const version = await inv.serverVersion();
  const nodes = await inv.nodes();
  const releases = new Set(needs.charts.map((c) => c.release ?? c.chart));
  const [crds, services, metrics, gateway, charts] = await Promise.all([
    crdFindings(needs, inv, releases),
    serviceFindings(needs, inv),
    metricsFinding(inv),
    gatewayApiFindings(needs, inv),
    resolveCharts(needs.charts),
  ]);
  return [
    apiServerFinding(version.gitVersion, version.minor, version.major),
    ...crds,
    ...services,
    metrics,
    nodesFinding(nodes, needs.nodes),
    ...gateway,
    ...chartFindings(needs.charts, charts),
    ...imageFindings(needs.images, nodes),
  ];
}
