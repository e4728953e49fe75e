// perflab runtime payload: native Bun.serve, no dependencies.
const HOST = process.env.HOST || '0.0.0.0';
const PORT = Number(process.env.PORT || 8080);
const HEADERS = { 'content-type': 'application/json' };
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
function countPrimes(n: number): number {
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

const json = (status: number, text: string) => new Response(text, { status, headers: HEADERS });

async function echo(req: Request): Promise<Response> {
  let value: unknown;
  try {
    value = JSON.parse(await req.text());
  } catch {
    return json(400, JSON.stringify({ error: 'malformed JSON' }));
  }
  return json(200, JSON.stringify(value));
}

function compute(url: URL): Response {
  const s = url.searchParams.get('n');
  if (s === null || !/^[0-9]+$/.test(s)) return json(400, JSON.stringify(N_ERROR));
  const n = Number(s);
  if (n < 1 || n > 100000) return json(400, JSON.stringify(N_ERROR));
  return json(200, JSON.stringify({ n, primes: countPrimes(n) }));
}

// PERFLAB_SPIN_US: busy-wait this many microseconds per request (an injected, CPU-bound
// regression for the gate's trials). 0, the default, adds nothing.
const SPIN_US = Number(process.env.PERFLAB_SPIN_US || 0);
if (!Number.isInteger(SPIN_US) || SPIN_US < 0 || SPIN_US > 1e6) {
  console.error('PERFLAB_SPIN_US must be a whole number of microseconds 0..1000000');
  process.exit(1);
}
const spinNs = BigInt(SPIN_US) * 1000n;
function spin(): void {
  const end = process.hrtime.bigint() + spinNs;
  while (process.hrtime.bigint() < end);
}

const server = Bun.serve({
  hostname: HOST,
  port: PORT,
  maxRequestBodySize: 1 << 20,
  development: false,
  fetch(req) {
    if (SPIN_US > 0) spin();
    const url = new URL(req.url);
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /health': return json(200, JSON.stringify({ status: 'ok' }));
      case 'GET /json': return json(200, JSON.stringify(FIXED));
      case 'POST /echo': return echo(req);
      case 'GET /compute': return compute(url);
    }
    return new Response('not found', { status: 404 });
  },
});

let closing = false;
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, async () => {
    if (closing) return;
    closing = true;
    // Idle keep-alive connections must not hold the exit hostage.
    const force = setTimeout(() => server.stop(true), 3000);
    await server.stop();
    clearTimeout(force);
    process.exit(0);
  });
}

console.log(`listening on ${HOST}:${PORT}`);
