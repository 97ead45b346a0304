// The pages' one way to the server: fetch with the bearer token, the API's errors as
// ApiError (code and message in words), a submission's events (SSE) read with fetch, and the
// tokens, kept in this tab's sessionStorage and sent only in the Authorization header.
//
// EventSource cannot send an Authorization header, and a token in a URL ends up in histories
// and logs; so events are read from a fetch() response's body, a line at a time.

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || null;
  }
}

function stored(key) {
  return {
    get: () => sessionStorage.getItem(key),
    set: (value) => sessionStorage.setItem(key, value),
    clear: () => sessionStorage.removeItem(key),
  };
}

// Each kind of token under a key of its own: a tab may hold an instructor's token and try the
// candidate's pages without one replacing the other.
export const tokens = {
  practice: stored('mockjudge.token.practice'),
  instructor: stored('mockjudge.token.instructor'),
  assessment: (id) => stored('mockjudge.token.assessment.' + id),
};

async function errorOf(response) {
  let error = {};
  try {
    error = (await response.json()).error || {};
  } catch {
    // Not our JSON (a proxy's page): the status says enough.
  }
  const retry = response.headers.get('Retry-After');
  const details = Object.assign({}, error.details || {}, retry ? { retry_after: retry } : {});
  return new ApiError(response.status, error.code || 'http_' + response.status, error.message || response.statusText || 'request failed', details);
}

function unreachable(e) {
  return new ApiError(0, 'network', 'the server could not be reached (' + (e && e.message ? e.message : e) + ')');
}

// Sends a request to the API; resolves to {status, headers, body} for 2xx answers (body: JSON,
// text, or null), rejects with an ApiError otherwise.
export async function request(token, method, path, body, options = {}) {
  const headers = { Accept: options.accept || 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const init = { method, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', signal: options.signal };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (options.signal && options.signal.aborted) throw e;
    throw unreachable(e);
  }
  if (!response.ok) throw await errorOf(response);
  let parsed = null;
  if (response.status !== 204) {
    const type = response.headers.get('Content-Type') || '';
    parsed = type.includes('json') ? await response.json() : await response.text();
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const get = (token, path, options) => request(token, 'GET', path, undefined, options);
export const post = (token, path, body, options) => request(token, 'POST', path, body === undefined ? {} : body, options);
export const put = (token, path, body, options) => request(token, 'PUT', path, body, options);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Follows submission `id`'s events until `finished`, calling onEvent(name, data) for each.
// A stream that breaks off (the server restarting, a proxy's timeout) is opened again with
// Last-Event-ID, so nothing is seen twice or missed.
export async function followEvents(token, id, onEvent, { signal } = {}) {
  let lastId = null;
  let failures = 0;
  for (;;) {
    const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + token };
    if (lastId) headers['Last-Event-ID'] = lastId;
    let response;
    try {
      response = await fetch('/v1/submissions/' + encodeURIComponent(id) + '/events', { headers, signal, cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      if (signal && signal.aborted) return false;
      if (++failures > 5) throw unreachable(e);
      await sleep(400 * failures);
      continue;
    }
    if (!response.ok) {
      // A 5xx (the server restarting, Redis away for a moment) is a break like any other.
      const error = await errorOf(response);
      if (response.status < 500 || ++failures > 5) throw error;
      await sleep(400 * failures);
      continue;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { name: '', data: [], id: null };
    let finished = false;
    try {
      while (!finished) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch {
          break; // The connection dropped: opened again below.
        }
        if (chunk.done) break;
        buffer += chunk.value;
        let newline;
        while (!finished && (newline = buffer.indexOf('\n')) >= 0) {
          let line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.endsWith('\r')) line = line.slice(0, -1);
          if (line === '') {
            if (event.data.length) {
              if (event.id) lastId = event.id;
              const name = event.name || 'message';
              let data = null;
              try {
                data = JSON.parse(event.data.join('\n'));
              } catch {
                data = event.data.join('\n');
              }
              failures = 0;
              onEvent(name, data);
              finished = name === 'finished';
            }
            event = { name: '', data: [], id: null };
          } else if (!line.startsWith(':')) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            let value = colon < 0 ? '' : line.slice(colon + 1);
            if (value.startsWith(' ')) value = value.slice(1);
            if (field === 'event') event.name = value;
            else if (field === 'data') event.data.push(value);
            else if (field === 'id') event.id = value;
          }
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
    if (finished) return true;
    if (signal && signal.aborted) return false;
    if (++failures > 5) throw new ApiError(0, 'network', 'the stream of results kept breaking off; the result will show once the page is reloaded');
    await sleep(400 * failures);
  }
}

// Polls `path` (a run's or a submission's) until it is finished.
export async function untilFinished(token, path, { signal, every = 1000 } = {}) {
  for (;;) {
    const { body } = await get(token, path, { signal });
    if (body.status === 'finished') return body;
    await sleep(every);
  }
}
