/** The full-stack app's conformance probes, sent before any load: the layered path works and refuses bad input. */
import { Probe } from '../../src/local/verify';
import { CHECKOUT_BODY, CHECKOUT_PATH } from './experiment';

/** Probes every local run sends first (a 200 checkout proves every configured layer answers). */
export const fullStackProbes: readonly Probe[] = [
  { name: 'health', method: 'GET', path: '/health', expectStatus: 200, expectBody: { status: 'ok' } },
  { name: 'checkout', method: 'POST', path: CHECKOUT_PATH, body: JSON.stringify(CHECKOUT_BODY), expectStatus: 200 },
  { name: 'checkout-bad-body', method: 'POST', path: CHECKOUT_PATH, body: '{"customer": ', expectStatus: 400 },
  { name: 'checkout-no-qty', method: 'POST', path: CHECKOUT_PATH, body: '{"customer":"perflab","qty":0}', expectStatus: 400 },
  { name: 'checkout-get', method: 'GET', path: CHECKOUT_PATH, expectStatus: 405 },
];
