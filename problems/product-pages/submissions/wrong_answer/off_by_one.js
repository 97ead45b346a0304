// Product pages with keyset cursors and an off-by-one: the cursor names the product after the
// page's last (the first of the next page), and the next page starts after that one, skipping it.
const http = require('http');

const products = [];

const encode = (key) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decode(cursor) {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) && key.length === 2 && key.every((x) => typeof x === 'number') ? key : null;
  } catch (e) {
    return null;
  }
}

const before = (a, b) => a[0] - b[0] || a[1] - b[1];

function page(params) {
  const limit = params.has('limit') ? Number(params.get('limit')) : 10;
  const sort = params.get('sort') || 'id';
  const bound = (name, otherwise) => (params.has(name) ? Number(params.get(name)) : otherwise);
  const low = bound('min_price', -Infinity);
  const high = bound('max_price', Infinity);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !['id', 'price', '-price'].includes(sort)
      || Number.isNaN(low) || Number.isNaN(high) || (params.has('min_price') && params.get('min_price').trim() === '')) {
    return null;
  }
  const sign = sort === '-price' ? -1 : 1;
  const key = sort === 'id' ? (p) => [p.id, p.id] : (p) => [sign * p.price, p.id];
  let after = null;
  if (params.has('cursor')) {
    after = decode(params.get('cursor'));
    if (after === null) return null;
  }
  const category = params.get('category');
  const chosen = products
    .filter((p) => (category === null || p.category === category) && p.price >= low && p.price <= high)
    .filter((p) => after === null || before(key(p), after) > 0)
    .sort((a, b) => before(key(a), key(b)));
  const items = chosen.slice(0, limit);
  return { items, next_cursor: chosen.length > limit ? encode(key(chosen[limit])) : null };
}

function reply(res, status, body) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
  res.end(data);
}

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (url.pathname !== '/products') return reply(res, 404, { error: 'not found' });
    if (req.method === 'GET') {
      const found = page(url.searchParams);
      return found ? reply(res, 200, found) : reply(res, 400, { error: 'limit 1-100, sort id|price|-price, numeric prices, a cursor of ours' });
    }
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      return reply(res, 400, { error: 'a JSON object' });
    }
    const { name, price, category } = body || {};
    if (typeof name !== 'string' || !name || typeof category !== 'string' || !category || typeof price !== 'number' || price < 0) {
      return reply(res, 422, { error: 'name, category: text; price: a number >= 0' });
    }
    const product = { id: products.length + 1, name, price, category };
    products.push(product);
    reply(res, 201, product);
  });
}).listen(Number(process.env.PORT || 8080), '127.0.0.1');
