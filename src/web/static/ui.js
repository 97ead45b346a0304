// What every page shows the same way: elements built without innerHTML, the alert region
// for errors in words, verdicts and bands as text (never colour alone), times and sizes.

// h('p', {class: 'x', onclick: f}, 'text', child...) — attributes, listeners and children.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (selector, root = document) => root.querySelector(selector);

// A sentence from the API's words: its first letter up, a full stop at the end.
export function sentence(text) {
  const t = String(text || '').trim();
  if (!t) return '';
  const s = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : s + '.';
}

const LEADS = {
  network: 'No answer',
  missing_token: 'Not signed in',
  invalid_token: 'That token was not accepted',
  forbidden: 'Not allowed',
  rate_limited: 'Too many requests',
  too_many_streams: 'Too many results followed at once',
  assessment_closed: 'Not taken',
  not_started: 'Not yet',
  already_started: 'Already started',
  already_finished: 'Already finished',
  last_section: 'This is the last section',
  unavailable: 'The service is unavailable for a moment',
  unknown_language: 'Language not allowed',
  empty_source: 'Nothing to send',
  source_too_large: 'The code is too long',
  invalid_input: 'That input cannot be used',
};

// An ApiError (or any error) in words a person reads.
export function describe(error) {
  if (!error) return '';
  if (!error.code) return sentence(error.message || String(error));
  const lead = LEADS[error.code] || (error.status >= 500 ? 'The server failed' : 'Refused');
  const message = String(error.message || '').trim();
  let text = lead + ': ' + (/[.!?]$/.test(message) ? message : message + '.');
  const d = error.details || {};
  if (d.deadline_ms) text += ' It closed at ' + clock(d.finished_ms && d.finished_ms < d.deadline_ms ? d.finished_ms : d.deadline_ms) + '.';
  if (d.languages) text += ' Allowed: ' + d.languages.join(', ') + '.';
  if (d.retry_after) text += ' Try again in ' + d.retry_after + ' s.';
  return text + ' (' + error.code + (error.status ? ', HTTP ' + error.status : '') + ')';
}

// Shows `error` (an error or a sentence) in the page's alert region; null clears it.
export function alertError(error) {
  const region = document.getElementById('alert');
  if (!region) return;
  const text = error ? (typeof error === 'string' ? error : describe(error)) : '';
  region.textContent = text;
  region.classList.toggle('shown', Boolean(text));
  if (error && typeof error !== 'string') console.warn(error);
}

// Says `text` politely (a screen reader reads it when idle); shown in the page's status line.
let announced = null;
export function announce(text) {
  const region = document.getElementById('status');
  if (!region) return;
  region.textContent = text;
  clearTimeout(announced);
  announced = setTimeout(() => {
    region.textContent = '';
  }, 8000);
}

export const VERDICTS = {
  AC: ['Accepted', '✓'],
  WA: ['Wrong answer', '✗'],
  TLE: ['Time limit exceeded', '⏱'],
  MLE: ['Memory limit exceeded', '▣'],
  OLE: ['Output limit exceeded', '≫'],
  RTE: ['Run-time error', '!'],
  CE: ['Compile error', '⚠'],
  IE: ['Judge error, not your code', '?'],
};

export function verdictWords(verdict) {
  return verdict ? verdict + ' ' + (VERDICTS[verdict] ? VERDICTS[verdict][0] : '') : 'no verdict';
}

// A verdict as a badge: its symbol, its abbreviation and its words.
export function verdictBadge(verdict) {
  if (!verdict) return h('span', { class: 'verdict', 'data-verdict': 'none' }, 'no verdict');
  const [words, mark] = VERDICTS[verdict] || [verdict, '•'];
  return h('span', { class: 'verdict', 'data-verdict': verdict }, h('span', { 'aria-hidden': 'true', class: 'mark' }, mark), ' ', h('strong', {}, verdict), ' ', words);
}

const BANDS = { pass: ['Pass', '✓'], borderline: ['Borderline', '~'], fail: ['Fail', '✗'] };

export function bandBadge(band) {
  const [words, mark] = BANDS[band] || [band, '•'];
  return h('span', { class: 'band', 'data-band': band }, h('span', { 'aria-hidden': 'true', class: 'mark' }, mark), ' ', words);
}

export const words = (name) => String(name || '').replace(/[-_]/g, ' ');

const pad = (n) => String(n).padStart(2, '0');

// 1:02:03 or 2:03.
export function duration(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours ? hours + ':' + pad(minutes) + ':' + pad(seconds) : minutes + ':' + pad(seconds);
}

// "1 h 30 min", "45 min", "20 s".
export function span(ms) {
  const s = Math.round(ms / 1000);
  if (s < 60) return s + ' s';
  const m = Math.round(s / 60);
  return m >= 60 ? Math.floor(m / 60) + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '') : m + ' min';
}

// A short duration in words, to the tenth of a second: "3.2 s".
export function seconds(ms) {
  return ms < 60000 ? (ms / 1000).toFixed(1) + ' s' : span(ms);
}

export function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function when(msOrIso) {
  const d = new Date(msOrIso);
  return d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'medium' });
}

export function kib(k) {
  return k >= 1024 ? (k / 1024).toFixed(1) + ' MiB' : k + ' KiB';
}

export function score(x) {
  return x === null || x === undefined ? '—' : Number(x).toFixed(1);
}

// A table that scrolls sideways on a narrow screen rather than the whole page, reachable by
// keyboard (a focusable region).
export function table(caption, headers, rows, attrs = {}) {
  const t = h('table', attrs, h('caption', {}, caption), h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows));
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' }, t);
}

// Signs the person out of `store` (a token kind) in the header, when one is held.
export function showSignedIn(store, label) {
  const who = document.getElementById('who');
  if (!who) return;
  if (!store.get()) return clear(who);
  clear(who, h('span', {}, label), ' ', h('button', { type: 'button', class: 'link', onclick: () => { store.clear(); location.reload(); } }, 'Sign out'));
}

// A sign-in form: one secret field, with no name (so a form without scripts sends nothing) and
// a handler that checks the token against the API before keeping it.
export function signInForm({ title, intro, label, button, check }) {
  const id = 'token-' + Math.random().toString(36).slice(2, 8);
  const field = h('input', { id, type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': id + '-help' });
  const form = h('form', { class: 'signin', method: 'post', action: '#', 'aria-labelledby': id + '-title' },
    h('h2', { id: id + '-title' }, title),
    h('p', { id: id + '-help' }, intro),
    h('label', { for: id }, label),
    field,
    h('button', { type: 'submit', class: 'primary' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const token = field.value.trim();
    if (!token) return;
    const submit = form.querySelector('button');
    submit.disabled = true;
    try {
      await check(token);
      alertError(null);
    } catch (err) {
      alertError(err);
      field.focus();
    } finally {
      submit.disabled = false;
    }
  });
  setTimeout(() => field.focus(), 0);
  return form;
}
