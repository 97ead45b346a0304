// Idempotent payments with Node's http module: Node runs one request's handler at a time, so the
// key's check and the payment's write cannot interleave; a token bucket per client.
const http = require('http');

const BURST = 5;
const PER_SECOND = 1;
const CURRENCIES = new Set(['EUR', 'USD', 'GBP']);
const payments = [];
const byKey = new Map(); // client + '\n' + key -> { body, payment }
const buckets = new Map(); // client -> { tokens, when }

function takeToken(client) {
  const now = Date.now() / 1000;
  const bucket = buckets.get(client) || { tokens: BURST, when: now };
  const tokens = Math.min(BURST, bucket.tokens + (now - bucket.when) * PER_SECOND);
  if (tokens < 1) {
    buckets.set(client, { tokens, when: now });
    return Math.ceil((1 - tokens) / PER_SECOND);
  }
  buckets.set(client, { tokens: tokens - 1, when: now });
  return 0;
}

function reply(res, status, body, headers = {}) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'GET') {
      if (req.url === '/payments') return reply(res, 200, payments);
      const found = payments.find((p) => `/payments/${p.id}` === req.url);
      return found ? reply(res, 200, found) : reply(res, 404, { error: 'no such payment' });
    }
    const client = req.headers['x-client-id'] || '';
    const key = req.headers['idempotency-key'];
    const wait = takeToken(client);
    if (wait) return reply(res, 429, { error: 'too many payments' }, { 'Retry-After': String(wait) });
    if (!key) return reply(res, 400, { error: 'an Idempotency-Key header' });
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      return reply(res, 400, { error: 'a JSON object' });
    }
    const { amount, currency } = body || {};
    if (!Number.isInteger(amount) || amount < 1 || amount > 1000000 || !CURRENCIES.has(currency)) {
      return reply(res, 422, { error: 'amount: 1-1000000 cents; currency: EUR, USD or GBP' });
    }
    const seen = byKey.get(`${client}\n${key}`);
    if (seen) {
      const same = seen.body.amount === amount && seen.body.currency === currency;
      return same ? reply(res, 200, seen.payment) : reply(res, 409, { error: 'this key was used for another payment' });
    }
    const payment = { id: payments.length + 1, amount, currency };
    payments.push(payment);
    byKey.set(`${client}\n${key}`, { body: { amount, currency }, payment });
    reply(res, 201, payment);
  });
}).listen(Number(process.env.PORT || 8080), '127.0.0.1');
