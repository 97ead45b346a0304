// Listens on $PORT and answers every request with 501 Not Implemented: a start. Node's http
// module is here; Express is installed too (require('express')).
const http = require('http');

http.createServer((req, res) => {
  const body = JSON.stringify({ error: 'not implemented' });
  res.writeHead(501, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT || 8080), '127.0.0.1');
