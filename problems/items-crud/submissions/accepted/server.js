// Items CRUD with Node's http module alone.
const http = require('http');

const items = new Map();
let nextId = 1;

function valid(body) {
  const { name, price, quantity = 0 } = body;
  if (typeof name !== 'string' || [...name].length < 1 || [...name].length > 100) return null;
  if (typeof price !== 'number' || price < 0) return null;
  if (!Number.isInteger(quantity) || quantity < 0) return null;
  return { name, price, quantity };
}

function reply(res, status, body) {
  const data = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
  res.end(data);
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const path = req.url.split('?')[0];
    const match = path.match(/^\/items\/(\d+)$/);
    const id = match ? Number(match[1]) : null;
    if (path === '/items' && req.method === 'GET') {
      return reply(res, 200, [...items.keys()].sort((a, b) => a - b).map((k) => items.get(k)));
    }
    if ((path === '/items' && req.method === 'POST') || (id !== null && req.method === 'PUT')) {
      if (req.method === 'PUT' && !items.has(id)) return reply(res, 404, { error: 'no such item' });
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        return reply(res, 400, { error: 'the body must be JSON' });
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        return reply(res, 400, { error: 'the body must be a JSON object' });
      }
      const fields = valid(body);
      if (!fields) return reply(res, 422, { error: 'name (1-100 characters), price >= 0, quantity >= 0' });
      if (req.method === 'POST') {
        const item = { id: nextId++, ...fields };
        items.set(item.id, item);
        return reply(res, 201, item);
      }
      items.set(id, { id, ...fields });
      return reply(res, 200, items.get(id));
    }
    if (id !== null && req.method === 'GET') {
      return items.has(id) ? reply(res, 200, items.get(id)) : reply(res, 404, { error: 'no such item' });
    }
    if (id !== null && req.method === 'DELETE') {
      if (!items.delete(id)) return reply(res, 404, { error: 'no such item' });
      res.writeHead(204);
      return res.end();
    }
    reply(res, 404, { error: 'not found' });
  });
}).listen(Number(process.env.PORT || 8080), '127.0.0.1');
