/**
 * How perflab reaches the OpenCost API: a thin seam (`OpenCostHttp`) with two real implementations.
 * `kubeProxyHttp` goes through the Kubernetes API server's service proxy
 * (`/api/v1/namespaces/<ns>/services/<svc>:<port>/proxy/<path>`), so it needs only the kubeconfig and
 * RBAC `get` on `services/proxy`; it is what the Pulumi program uses after a run. `baseUrlHttp` talks to a
 * URL directly: a `kubectl -n opencost port-forward service/opencost 9003` on a workstation, or the
 * in-cluster DNS name from a pod.
 */
import * as http from 'http';
import * as https from 'https';
import type { KubeConfig } from '@kubernetes/client-node';

/** One GET's answer. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** The seam: GET a path (with query) on the OpenCost API. Rejects only when no answer came (connection refused, timeout). */
export interface OpenCostHttp {
  /** Where the requests go, for messages. */
  readonly describe: string;
  get(pathAndQuery: string): Promise<HttpAnswer>;
}

/** Where the OpenCost API service is. */
export interface OpenCostService {
  readonly namespace: string;
  /** @default opencost */
  readonly name?: string;
  /** @default 9003 */
  readonly port?: number;
}

const TIMEOUT_MS = 30_000;

function request(url: URL, options: https.RequestOptions, timeoutMs: number): Promise<HttpAnswer> {
  const lib = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { ...options, method: 'GET', headers: { ...(options.headers ?? {}), accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url.origin} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** The API server proxy path of a service path: `/api/v1/namespaces/<ns>/services/<name>:<port>/proxy<path>`. */
export function serviceProxyPath(svc: OpenCostService, pathAndQuery: string): string {
  const p = pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`;
  return `/api/v1/namespaces/${encodeURIComponent(svc.namespace)}/services/${encodeURIComponent(svc.name ?? 'opencost')}:${svc.port ?? 9003}/proxy${p}`;
}

/** OpenCost reached through the Kubernetes API server's service proxy, authenticated by `kc`'s current context. */
export function kubeProxyHttp(kc: Pick<KubeConfig, 'getCurrentCluster' | 'applyToHTTPSOptions'>, svc: OpenCostService, timeoutMs = TIMEOUT_MS): OpenCostHttp {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster: cannot reach OpenCost through the API server');
  const server = cluster.server.replace(/\/+$/, '');
  return {
    describe: `${server}${serviceProxyPath(svc, '')}`,
    async get(pathAndQuery) {
      const url = new URL(`${server}${serviceProxyPath(svc, pathAndQuery)}`);
      const options: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(options);
      // client-node sets an https.Agent (client certificates, CA); a plain-http API server (a test, or
      // `kubectl proxy`) needs Node's default agent instead.
      if (url.protocol === 'http:') delete options.agent;
      return request(url, options, timeoutMs);
    },
  };
}

/** OpenCost at a base URL (a port-forward such as http://127.0.0.1:9003, or http://opencost.opencost.svc:9003 in-cluster). */
export function baseUrlHttp(baseUrl: string, timeoutMs = TIMEOUT_MS): OpenCostHttp {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    describe: base,
    get: (pathAndQuery) => request(new URL(`${base}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`), {}, timeoutMs),
  };
}
