/**
 * Every version perflab pins for the cluster side, in one place: the k6 image, the k6-operator
 * release and CRD version, and the k3s release the docs install. Change a pin here only; the
 * constructs, the results reader and docs/k3s.md read it from this file.
 */

/** k6 release the load runs with (the `grafana/k6` image tag, without a leading `v`). */
export const K6_VERSION = '1.3.0';

/** The k6 container image, pinned by tag. */
export const K6_IMAGE = `grafana/k6:${K6_VERSION}`;

/** The numeric user and group the `grafana/k6` image's `k6` user has (needed for runAsNonRoot). */
export const K6_IMAGE_UID = 12345;

/** k6-operator release whose CRDs (TestRun) the distributed mode is written against. */
export const K6_OPERATOR_VERSION = 'v1.1.1';

/**
 * The starter image of a TestRun (the pod that tells the runners to start). k6-operator v1.1.1
 * defaults it to the moving `latest-starter` tag (pkg/resources/jobs/starter.go); its release
 * workflow (.github/workflows/push.yaml) also publishes `starter-<release tag>`, pinned here.
 */
export const K6_OPERATOR_STARTER_IMAGE = `ghcr.io/grafana/k6-operator:starter-${K6_OPERATOR_VERSION}`;

/** The k6-operator install bundle of that release (CRDs + operator Deployment). */
export const K6_OPERATOR_BUNDLE_URL = `https://raw.githubusercontent.com/grafana/k6-operator/${K6_OPERATOR_VERSION}/bundle.yaml`;

/** apiVersion of the k6-operator TestRun custom resource. */
export const K6_TESTRUN_API_VERSION = 'k6.io/v1alpha1';

/** k3s release docs/k3s.md installs (`INSTALL_K3S_VERSION`); metrics-server comes bundled. */
export const K3S_VERSION = 'v1.33.2+k3s1';

/** Istio release of the mesh experiment: the `base`, `istiod`, `cni` and `ztunnel` Helm charts share it. */
export const ISTIO_VERSION = '1.27.1';

/** Helm repository of the Istio charts. */
export const ISTIO_HELM_REPO = 'https://istio-release.storage.googleapis.com/charts';

/** Linkerd edge release whose `linkerd-crds` and `linkerd-control-plane` charts the mesh experiment installs (chart version = edge date). */
export const LINKERD_CHART_VERSION = '2025.9.2';

/** Helm repository of the Linkerd edge charts (open-source Linkerd ships edge releases only). */
export const LINKERD_HELM_REPO = 'https://helm.linkerd.io/edge';

/** Cilium release of the mesh experiment (the `cilium` Helm chart). */
export const CILIUM_VERSION = '1.18.2';

/** Helm repository of the Cilium chart. */
export const CILIUM_HELM_REPO = 'https://helm.cilium.io/';

/** Traefik Helm chart of the full-stack experiment's gateway (Gateway API provider); chart 37.2.0 ships Traefik v3.5.3. */
export const TRAEFIK_CHART_VERSION = '37.2.0';

/** Helm repository of the Traefik chart. */
export const TRAEFIK_HELM_REPO = 'https://traefik.github.io/charts';

/** Traefik image of the gateway layer when no chart is installed (perflab-cluster:operators: preinstalled); keep it at the chart's appVersion. */
export const TRAEFIK_IMAGE = 'traefik:v3.5.3';

/** OpenTelemetry Collector Helm chart of the full-stack experiment's observability layer; 0.158.2 ships app 0.153.0 (= OTEL_COLLECTOR_IMAGE; test/fixtures/charts/chart-index.json records it). */
export const OTEL_COLLECTOR_CHART_VERSION = '0.158.2';

/** Helm repository of the OpenTelemetry charts. */
export const OTEL_HELM_REPO = 'https://open-telemetry.github.io/opentelemetry-helm-charts';

/** The Collector image (contrib distribution: it has the file exporter the results reader reads), pinned by tag. */
export const OTEL_COLLECTOR_IMAGE = { repository: 'otel/opentelemetry-collector-contrib', tag: '0.153.0' } as const;

/** Redis image of the full-stack experiment's cache layer, pinned by tag. */
export const REDIS_IMAGE = 'redis:7.4.5-alpine';
