/**
 * A small HTTPS client for the cluster suite's API server, read from $KUBECONFIG. (The lab's own
 * client, @kubernetes/client-node 1.x, is an ES module that jest cannot load.) It speaks the
 * plain REST paths: `/api/v1/namespaces/x`, `/apis/batch/v1/namespaces/x/jobs`, ...
 */
import * as fs from 'fs';
import * as https from 'https';
import * as path from 'path';
import { parse } from 'yaml';

/** An API answer that was not 2xx. */
export class KubeHttpError extends Error {
  constructor(readonly status: number, readonly method: string, readonly url: string, readonly body: string) {
    super(`${method} ${url}: HTTP ${status}: ${body.slice(0, 500)}`);
  }
}

interface KubeconfigFile {
  'current-context'?: string;
  contexts: Array<{ name: string; context: { cluster: string; user: string } }>;
  clusters: Array<{ name: string; cluster: Record<string, string | boolean> }>;
  users: Array<{ name: string; user: Record<string, string> }>;
}

/** A PEM from `<key>-data` (base64) or `<key>` (a path relative to the kubeconfig). */
function pem(entry: Record<string, string | boolean>, key: string, dir: string): Buffer | undefined {
  const data = entry[`${key}-data`];
  if (typeof data === 'string') return Buffer.from(data, 'base64');
  const file = entry[key];
  return typeof file === 'string' ? fs.readFileSync(path.resolve(dir, file)) : undefined;
}

/** REST access to one API server. */
export class KubeHttp {
  private readonly server: URL;
  private readonly agent: https.Agent;
  private readonly token?: string;

  /** From the kubeconfig at `file` (default $KUBECONFIG), its current context. */
  constructor(file = process.env.KUBECONFIG) {
    if (!file) throw new Error('KUBECONFIG is not set: run the cluster suite through npm run test:cluster');
    const kc = parse(fs.readFileSync(file, 'utf8')) as KubeconfigFile;
    const dir = path.dirname(file);
    const ctx = kc.contexts.find((c) => c.name === kc['current-context']) ?? kc.contexts[0];
    const cluster = kc.clusters.find((c) => c.name === ctx.context.cluster)!.cluster;
    const user = kc.users.find((u) => u.name === ctx.context.user)?.user ?? {};
    this.server = new URL(String(cluster.server));
    this.token = user.token;
    this.agent = new https.Agent({
      ca: pem(cluster, 'certificate-authority', dir),
      cert: pem(user, 'client-certificate', dir),
      key: pem(user, 'client-key', dir),
      rejectUnauthorized: cluster['insecure-skip-tls-verify'] !== true,
      keepAlive: true,
    });
  }

  /** One request; resolves with the parsed JSON body (text when it is not JSON). */
  request<T = unknown>(method: string, apiPath: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const url = new URL(apiPath, this.server);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(payload !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } : {}),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 0) >= 300) return reject(new KubeHttpError(res.statusCode ?? 0, method, url.pathname + url.search, text));
            try {
              resolve(JSON.parse(text) as T);
            } catch {
              resolve(text as unknown as T);
            }
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${url.pathname}: no answer in 60 s`)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get<T = unknown>(apiPath: string): Promise<T> {
    return this.request<T>('GET', apiPath);
  }

  /** GET, or undefined on 404. */
  async find<T = unknown>(apiPath: string): Promise<T | undefined> {
    try {
      return await this.get<T>(apiPath);
    } catch (err) {
      if (err instanceof KubeHttpError && err.status === 404) return undefined;
      throw err;
    }
  }

  post<T = unknown>(apiPath: string, body: unknown): Promise<T> {
    return this.request<T>('POST', apiPath, body);
  }

  /** Server-side apply of one object at its resource path (create or update). */
  apply<T = unknown>(objectPath: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', `${objectPath}?fieldManager=perflab-cluster-suite&force=true`, body, 'application/apply-patch+yaml');
  }

  /** DELETE; a 404 is not an error. */
  async delete(apiPath: string): Promise<void> {
    try {
      await this.request('DELETE', apiPath);
    } catch (err) {
      if (!(err instanceof KubeHttpError && err.status === 404)) throw err;
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
