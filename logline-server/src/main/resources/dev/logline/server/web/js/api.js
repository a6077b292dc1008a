// The server's HTTP API (/api/v1/...) as promises; errors carry the status and, for bad LQL, the column.
// A 401 asks the user for an API key (auth.js) and repeats the call with it.

import { apiKey, askForKey, authHeaders } from './auth.js';

export class ApiError extends Error {
  constructor(status, message, column) {
    super(message);
    this.status = status;
    this.column = column;
  }
}

/**
 * Queries longer than this travel in a POST body: the server reads request lines up to 4 KB, and a URL-encoded
 * query grows up to three times its length.
 */
export const LONG_QUERY = 1500;

/** The endpoints that take their parameters as a JSON body too (POST). */
const POSTABLE = new Set(['/api/v1/search', '/api/v1/histogram', '/api/v1/fields', '/api/v1/traces', '/api/v1/tail']);

/** Whether a call with these parameters should be a POST with a JSON body. */
export function postsBody(path, params) {
  return POSTABLE.has(path) && typeof params?.q === 'string' && params.q.length > LONG_QUERY;
}

/** The parameters that are set, as a JSON body. */
export function jsonBody(params) {
  const body = {};
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') body[k] = v;
  }
  return JSON.stringify(body);
}

export function url(path, params = {}) {
  const u = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') u.searchParams.set(k, v);
  }
  return u;
}

export async function getJson(path, params, signal) {
  for (;;) {
    const { res, text, body } = await call(path, params, signal);
    if (res.status === 401) {
      // Ask, with the server's reason when a key was sent and refused, then repeat the call with the new key.
      await askForKey(apiKey() && body && typeof body.error === 'string' ? body.error : null);
      if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
      continue;
    }
    return answer(res, text, body);
  }
}

/** A JSON call with a method and body (the alerts API): the answer, or an ApiError; a 401 asks for a key. */
export async function sendJson(method, path, body, signal) {
  for (;;) {
    let res;
    try {
      res = await fetch(url(path), { method, signal, headers: { Accept: 'application/json',
        'Content-Type': 'application/json', ...authHeaders() }, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, 'Cannot reach the Logline server: ' + e.message);
    }
    const text = await res.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
    if (res.status === 401) {
      await askForKey(apiKey() && parsed && typeof parsed.error === 'string' ? parsed.error : null);
      continue;
    }
    return answer(res, text, parsed);
  }
}

async function call(path, params, signal) {
  let res;
  try {
    const headers = { Accept: 'application/json', ...authHeaders() };
    res = postsBody(path, params)
      ? await fetch(url(path), { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' },
        body: jsonBody(params), signal })
      : await fetch(url(path, params), { headers, signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'Cannot reach the Logline server: ' + e.message);
  }
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  return { res, text, body };
}

function answer(res, text, body) {
  if (!res.ok) {
    const message = body && body.error ? (typeof body.error === 'string' ? body.error : JSON.stringify(body.error))
      : (text || `HTTP ${res.status}`);
    throw new ApiError(res.status, message, body && Number.isInteger(body.column) ? body.column : null);
  }
  return body;
}

/**
 * An API event with its id pulled out: servers may send `_id`/`id` inside it or wrap it as {id, event}.
 * Returns {id, e} where e holds the event's own fields.
 */
export function unwrapEvent(raw) {
  if (raw && typeof raw.event === 'object' && raw.event !== null && !Array.isArray(raw.event)) {
    return { id: raw.id ?? raw._id ?? null, e: raw.event };
  }
  const e = { ...raw };
  const id = e._id ?? null;
  // _id and _size describe the stored copy, not what the service logged.
  delete e._id;
  delete e._size;
  return { id, e };
}

/** A field by dotted path ("http.status"), looking first for a literal dotted key. */
export function fieldValue(e, path) {
  if (e == null) return undefined;
  if (path in e) return e[path];
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const head = e[path.slice(0, dot)];
  return head && typeof head === 'object' ? fieldValue(head, path.slice(dot + 1)) : undefined;
}
