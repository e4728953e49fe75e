'use strict';
// perflab runtime payload: Fastify 5 on Node.js.
const fastify = require('fastify');

const HOST = process.env.HOST || '0.0.0.0';
const PORT = Number(process.env.PORT || 8080);
const N_ERROR = { error: 'n must be an integer between 1 and 100000' };
const FIXED = {
  id: 1, name: 'perflab', active: true, score: 99.5,
  tags: ['alpha', 'beta', 'gamma'],
  items: [
    { sku: 'A-100', qty: 2, price: 9.99 },
    { sku: 'B-200', qty: 1, price: 24.5 },
    { sku: 'C-300', qty: 5, price: 3.25 },
  ],
};

/** Count primes in [2, n] by plain trial division (same loop in every variant). */
function countPrimes(n) {
  let count = 0;
  for (let k = 2; k <= n; k++) {
    let prime = true;
    for (let d = 2; d * d <= k; d++) {
      if (k % d === 0) { prime = false; break; }
    }
    if (prime) count++;
  }
  return count;
}

const app = fastify({ logger: false, bodyLimit: 1 << 20 });

// PERFLAB_SPIN_US: busy-wait this many microseconds per request (an injected, CPU-bound
// regression for the gate's trials). 0, the default, adds nothing.
const SPIN_US = Number(process.env.PERFLAB_SPIN_US || 0);
if (!Number.isInteger(SPIN_US) || SPIN_US < 0 || SPIN_US > 1e6) {
  console.error('PERFLAB_SPIN_US must be a whole number of microseconds 0..1000000');
  process.exit(1);
}
if (SPIN_US > 0) {
  const spinNs = BigInt(SPIN_US) * 1000n;
  app.addHook('onRequest', (_req, _reply, done) => {
    const end = process.hrtime.bigint() + spinNs;
    while (process.hrtime.bigint() < end);
    done();
  });
}

// /echo parses the raw body itself, whatever the Content-Type.
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

const json = (reply, status, text) =>
  reply.code(status).header('content-type', 'application/json').send(text);

app.get('/health', (_req, reply) => json(reply, 200, JSON.stringify({ status: 'ok' })));
app.get('/json', (_req, reply) => json(reply, 200, JSON.stringify(FIXED)));
app.post('/echo', (req, reply) => {
  let value;
  try {
    value = JSON.parse(typeof req.body === 'string' ? req.body : '');
  } catch {
    return json(reply, 400, JSON.stringify({ error: 'malformed JSON' }));
  }
  return json(reply, 200, JSON.stringify(value));
});
app.get('/compute', (req, reply) => {
  let s = req.query.n;
  if (Array.isArray(s)) s = s[0];
  if (typeof s !== 'string' || !/^[0-9]+$/.test(s)) return json(reply, 400, JSON.stringify(N_ERROR));
  const n = Number(s);
  if (n < 1 || n > 100000) return json(reply, 400, JSON.stringify(N_ERROR));
  return json(reply, 200, JSON.stringify({ n, primes: countPrimes(n) }));
});

let closing = false;
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}

app.listen({ host: HOST, port: PORT }).then(
  () => console.log(`listening on ${HOST}:${PORT}`),
  (err) => { console.error(err); process.exit(1); },
);
