// Private notes with Express (Debian's node-express): scrypt password hashes, random tokens,
// every note checked against its owner.
const crypto = require('crypto');
const express = require('express');

const app = express();
const users = new Map(); // username -> { id, salt, hash }
const tokens = new Map(); // token -> username
const notes = new Map(); // id -> { id, text, owner }
let nextNote = 1;

app.use(express.json({ limit: '64kb', strict: false }));
app.use((err, req, res, next) => res.status(err.status === 413 ? 413 : 400).json({ error: 'a JSON body' }));

const hash = (salt, password) => crypto.scryptSync(password, salt, 32);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function caller(req) {
  const header = req.get('Authorization') || '';
  return header.startsWith('Bearer ') ? tokens.get(header.slice(7)) : undefined;
}

app.post('/users', (req, res) => {
  const { username, password } = isObject(req.body) ? req.body : {};
  if (typeof username !== 'string' || !/^[a-z0-9_]{3,30}$/.test(username)
      || typeof password !== 'string' || [...password].length < 8 || [...password].length > 100) {
    return res.status(422).json({ error: 'username: 3-30 of a-z 0-9 _; password: 8-100 characters' });
  }
  if (users.has(username)) return res.status(409).json({ error: 'username taken' });
  const salt = crypto.randomBytes(16);
  users.set(username, { id: users.size + 1, salt, hash: hash(salt, password) });
  res.status(201).json({ id: users.get(username).id, username });
});

app.post('/login', (req, res) => {
  const { username, password } = isObject(req.body) ? req.body : {};
  const user = typeof username === 'string' ? users.get(username) : undefined;
  if (!user || typeof password !== 'string' || !crypto.timingSafeEqual(hash(user.salt, password), user.hash)) {
    return res.status(401).json({ error: 'wrong username or password' });
  }
  const token = crypto.randomBytes(32).toString('base64url');
  tokens.set(token, username);
  res.json({ token });
});

app.use('/notes', (req, res, next) => {
  req.who = caller(req);
  if (req.who === undefined) return res.status(401).json({ error: 'log in first' });
  next();
});

app.get('/notes', (req, res) => {
  res.json([...notes.values()].filter((n) => n.owner === req.who).map(({ id, text }) => ({ id, text })));
});

app.post('/notes', (req, res) => {
  if (!isObject(req.body)) return res.status(400).json({ error: 'a JSON object' });
  const { text } = req.body;
  if (typeof text !== 'string' || text.length < 1 || [...text].length > 1000) {
    return res.status(422).json({ error: 'text: 1-1000 characters' });
  }
  const note = { id: nextNote++, text, owner: req.who };
  notes.set(note.id, note);
  res.status(201).json({ id: note.id, text });
});

function owned(req, res) {
  const note = notes.get(Number(req.params.id));
  if (!note || note.owner !== req.who) {
    res.status(404).json({ error: 'no such note' });
    return undefined;
  }
  return note;
}

app.get('/notes/:id', (req, res) => {
  const note = owned(req, res);
  if (note) res.json({ id: note.id, text: note.text });
});

app.delete('/notes/:id', (req, res) => {
  const note = owned(req, res);
  if (note) {
    notes.delete(note.id);
    res.status(204).end();
  }
});

app.listen(Number(process.env.PORT || 8080), '127.0.0.1');
