/**
 * Whether a pinned Helm chart version can be had from its repository: one HTTP GET of the
 * repository's `index.yaml` (the file `helm repo add` downloads) with a short timeout, then a
 * look for the chart's entry with that version. An unreachable repository is "unverified", not
 * "missing": the preflight may run where the chart repositories cannot be reached.
 */
import { parse as parseYaml } from 'yaml';

/** One Helm chart a stack installs. */
export interface ChartRef {
  /** Repository URL (`https://charts.example.io`), as `helm repo add` takes it. */
  readonly repo: string;
  readonly chart: string;
  /** The pinned chart version. */
  readonly version: string;
  /** Helm release name the stack uses. @default the chart name */
  readonly release?: string;
  /** Namespace of the release. @default unknown (the run's namespace) */
  readonly namespace?: string;
  /** The values the stack sets (the preflight reads a few, e.g. linkerd-crds' `installGatewayAPI`). @default none */
  readonly values?: Readonly<Record<string, unknown>>;
}

/** What the repository said about one chart version. */
export type ChartResolution =
  | { readonly state: 'found' }
  | { readonly state: 'missing'; readonly available: readonly string[] }
  | { readonly state: 'unreachable'; readonly reason: string };

/** Fetches a URL's text; rejects on a network error or timeout. */
export type FetchText = (url: string, timeoutMs: number) => Promise<{ status: number; text: string }>;

/** FetchText on the global fetch (Node ≥ 18), aborted after `timeoutMs`. */
export const fetchText: FetchText = async (url, timeoutMs) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  return { status: res.status, text: await res.text() };
};

/** `<repo>/index.yaml`, with exactly one slash between. */
export function indexUrl(repo: string): string {
  return `${repo.replace(/\/+$/, '')}/index.yaml`;
}

/** The versions of `chart` listed in an index.yaml text (throws when it is not a Helm index). */
export function chartVersions(indexYaml: string, chart: string): string[] {
  const doc = parseYaml(indexYaml) as { entries?: Record<string, Array<{ version?: unknown }>> } | null;
  if (!doc || typeof doc !== 'object' || !doc.entries || typeof doc.entries !== 'object') throw new Error('not a Helm repository index (no "entries")');
  return (doc.entries[chart] ?? []).map((e) => String(e.version));
}

/**
 * Resolves each distinct repository once; each chart's version is `found`, `missing` (with the
 * newest few versions the repository has) or `unreachable` (with why).
 */
export async function resolveCharts(charts: readonly ChartRef[], fetch: FetchText = fetchText, timeoutMs = 5000): Promise<ChartResolution[]> {
  const indexes = new Map<string, Promise<string>>();
  const index = (repo: string): Promise<string> => {
    let p = indexes.get(repo);
    if (!p) {
      p = fetch(indexUrl(repo), timeoutMs).then(({ status, text }) => {
        if (status < 200 || status >= 300) throw new Error(`HTTP ${status} from ${indexUrl(repo)}`);
        return text;
      });
      indexes.set(repo, p);
    }
    return p;
  };
  return Promise.all(
    charts.map(async (c): Promise<ChartResolution> => {
      let text: string;
      try {
        text = await index(c.repo);
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        return { state: 'unreachable', reason: e.name === 'TimeoutError' ? `no answer from ${indexUrl(c.repo)} within ${timeoutMs / 1000} s` : `${indexUrl(c.repo)}: ${e.cause?.code ?? e.message}` };
      }
      try {
        const versions = chartVersions(text, c.chart);
        const bare = (v: string): string => v.replace(/^v/, '');
        return versions.some((v) => bare(v) === bare(c.version)) ? { state: 'found' } : { state: 'missing', available: versions.slice(0, 5) };
      } catch (err) {
        return { state: 'unreachable', reason: `${indexUrl(c.repo)}: ${(err as Error).message}` };
      }
    }),
  );
}
