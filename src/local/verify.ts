/**
 * Checks that every variant answers the same: each probe is sent to each server and the status
 * and parsed JSON body must be equal across variants (key order does not matter).
 */
import * as http from 'http';
import { isDeepStrictEqual } from 'util';

/** One request of the conformance check and the status a correct server answers. */
export interface Probe {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  /** Raw body, sent as-is (so malformed JSON can be probed). */
  readonly body?: string;
  readonly expectStatus: number;
  /** The body a correct server answers, compared as parsed JSON. @default not checked */
  readonly expectBody?: unknown;
}

/** One server's answer to a probe. */
export interface ProbeAnswer {
  readonly status: number;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  readonly body: unknown;
}

/** Sends one probe. */
export function sendProbe(baseUrl: string, probe: Probe): Promise<ProbeAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${probe.path}`,
      { method: probe.method, agent: false, timeout: 10000, headers: probe.body === undefined ? {} : { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: compare the text
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${probe.method} ${probe.path} within 10 s`)));
    req.on('error', reject);
    req.end(probe.body);
  });
}

/** A probe whose answer differs from the reference variant's, or whose status is wrong. */
export interface Mismatch {
  readonly probe: string;
  readonly variant: string;
  readonly detail: string;
}

/**
 * Checks each variant's answers: the expected status, the expected body where the probe fixes
 * one, and the same body as the first variant's (bodies of non-2xx answers may differ).
 */
export function compareAnswers(probes: readonly Probe[], answers: ReadonlyMap<string, readonly ProbeAnswer[]>): Mismatch[] {
  const out: Mismatch[] = [];
  const entries = [...answers.entries()];
  if (entries.length === 0) return out;
  const [refName, ref] = entries[0];
  for (const [variant, got] of entries) {
    probes.forEach((p, i) => {
      if (got[i].status !== p.expectStatus) {
        out.push({ probe: p.name, variant, detail: `status ${got[i].status}, expected ${p.expectStatus}` });
      } else if (p.expectBody !== undefined && !isDeepStrictEqual(got[i].body, p.expectBody)) {
        out.push({ probe: p.name, variant, detail: `body ${JSON.stringify(got[i].body)}, expected ${JSON.stringify(p.expectBody)}` });
      } else if (p.expectStatus < 300 && variant !== refName && !isDeepStrictEqual(got[i].body, ref[i].body)) {
        out.push({ probe: p.name, variant, detail: `body ${JSON.stringify(got[i].body)} differs from ${refName}'s ${JSON.stringify(ref[i].body)}` });
      }
    });
  }
  return out;
}
