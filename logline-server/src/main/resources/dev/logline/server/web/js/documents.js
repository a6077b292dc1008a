// Documents the server keeps for users (saved searches, dashboards) and dashboard panel runs: JSON in, JSON out,
// with the API's error shape ({error, column, field}) and the key prompt on 401, as api.js does for queries.

import { ApiError, url } from './api.js';
import { apiKey, askForKey, authHeaders } from './auth.js';

/** A JSON call; rejects with an ApiError carrying status, column and (for a refused document) the field. */
export async function sendJson(method, path, body, headers = {}, signal) {
  for (;;) {
    let res;
    try {
      res = await fetch(url(path), {
        method, signal, body: body === undefined ? undefined : JSON.stringify(body),
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...authHeaders(), ...headers },
      });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, 'Cannot reach the Logline server: ' + e.message);
    }
    const text = await res.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
    if (res.status === 401) {
      await askForKey(apiKey() && typeof parsed?.error === 'string' ? parsed.error : null);
      continue;
    }
    if (!res.ok) {
      const err = new ApiError(res.status, typeof parsed?.error === 'string' ? parsed.error : (text || `HTTP ${res.status}`),
        Number.isInteger(parsed?.column) ? parsed.column : null);
      err.field = parsed?.field ?? null;
      throw err;
    }
    return parsed;
  }
}

/** CRUD of one kind ('dashboards', 'saved-searches'); a change names the version it was based on (409 if stale). */
export function documents(kind) {
  const one = id => `/api/v1/${kind}/${encodeURIComponent(id)}`;
  const ifMatch = version => (version ? { 'If-Match': `"${version}"` } : {});
  return {
    list: () => sendJson('GET', `/api/v1/${kind}`),
    get: id => sendJson('GET', one(id)),
    create: body => sendJson('POST', `/api/v1/${kind}`, body),
    update: (id, body, version) => sendJson('PUT', one(id), body, ifMatch(version)),
    remove: (id, version) => sendJson('DELETE', one(id), undefined, ifMatch(version)),
  };
}

/** Runs a board's panels on the server (at most its concurrency cap at once); one answer per panel, in order. */
export function runPanels(request, signal) {
  return sendJson('POST', '/api/v1/panels/query', request, {}, signal);
}
