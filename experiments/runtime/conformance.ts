/**
 * The runtime API's conformance probes: every variant must answer each with the expected status,
 * the expected body where one is fixed, and the same body as every other variant.
 */
import { Probe } from '../../src/local/verify';

/** The object every variant serves on GET /json. */
export const JSON_PAYLOAD = {
  id: 1,
  name: 'perflab',
  active: true,
  score: 99.5,
  tags: ['alpha', 'beta', 'gamma'],
  items: [
    { sku: 'A-100', qty: 2, price: 9.99 },
    { sku: 'B-200', qty: 1, price: 24.5 },
    { sku: 'C-300', qty: 5, price: 3.25 },
  ],
};

/** Primes ≤ n, by the same trial division the apps run (the reference for /compute). */
export function countPrimes(n: number): number {
  let count = 0;
  for (let k = 2; k <= n; k++) {
    let prime = true;
    for (let d = 2; d * d <= k; d++) {
      if (k % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

const echoBody = { user: 'perflab', items: [1, 2, 3], nested: { ok: true, ratio: 0.25, list: [{ a: null }, 'x'] } };

/** Probes sent to every runtime variant before it is measured. */
export const runtimeProbes: readonly Probe[] = [
  { name: 'health', method: 'GET', path: '/health', expectStatus: 200, expectBody: { status: 'ok' } },
  { name: 'json', method: 'GET', path: '/json', expectStatus: 200, expectBody: JSON_PAYLOAD },
  { name: 'echo-object', method: 'POST', path: '/echo', body: JSON.stringify(echoBody), expectStatus: 200, expectBody: echoBody },
  { name: 'echo-array', method: 'POST', path: '/echo', body: '[1,"two",{"three":3}]', expectStatus: 200, expectBody: [1, 'two', { three: 3 }] },
  { name: 'echo-malformed', method: 'POST', path: '/echo', body: '{"user": ', expectStatus: 400 },
  { name: 'compute-100', method: 'GET', path: '/compute?n=100', expectStatus: 200, expectBody: { n: 100, primes: countPrimes(100) } },
  { name: 'compute-2000', method: 'GET', path: '/compute?n=2000', expectStatus: 200, expectBody: { n: 2000, primes: countPrimes(2000) } },
  { name: 'compute-missing', method: 'GET', path: '/compute', expectStatus: 400 },
  { name: 'compute-text', method: 'GET', path: '/compute?n=abc', expectStatus: 400 },
  { name: 'compute-too-big', method: 'GET', path: '/compute?n=100001', expectStatus: 400 },
  { name: 'not-found', method: 'GET', path: '/no-such-path', expectStatus: 404 },
];
