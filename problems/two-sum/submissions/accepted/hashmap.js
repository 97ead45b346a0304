const data = require('fs').readFileSync(0, 'utf8');
let pos = 0;
function next() {
  while (data.charCodeAt(pos) <= 32) pos++;
  let neg = false;
  if (data[pos] === '-') { neg = true; pos++; }
  let x = 0;
  let c = data.charCodeAt(pos);
  while (c >= 48 && c <= 57) { x = x * 10 + (c - 48); pos++; c = data.charCodeAt(pos); }
  return neg ? -x : x;
}
const n = next();
const t = next();
const seen = new Map();
let answer = '-1 -1';
for (let j = 1; j <= n; j++) {
  const x = next();
  const i = seen.get(t - x);
  if (i !== undefined) { answer = i + ' ' + j; break; }
  if (!seen.has(x)) seen.set(x, j);
}
process.stdout.write(answer + '\n');
