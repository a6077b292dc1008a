// Live tail: an EventSource on /api/v1/tail; events arrive newest last and are shown newest first.

import { unwrapEvent, url } from './api.js';
import { apiKey } from './auth.js';

/**
 * Opens the stream; onEvents receives arrays of {id, e}; onNotice receives server notices (e.g. dropped counts).
 * Returns a handle with close().
 */
export function openTail(q, onEvents, onNotice, onState) {
  // EventSource cannot send headers, so the key travels as a query parameter (the server accepts it on GET only).
  const source = new EventSource(url('/api/v1/tail', { q, api_key: apiKey() }));
  const handle = data => {
    let parsed;
    try { parsed = JSON.parse(data); } catch { return; }
    const list = Array.isArray(parsed) ? parsed : Array.isArray(parsed?.events) ? parsed.events : [parsed];
    onEvents(list.filter(x => x && typeof x === 'object').map(unwrapEvent));
  };
  // The server sends `event: log` per event, `ready` once the subscription is live, `dropped` when we lag.
  source.addEventListener('log', m => handle(m.data));
  source.onmessage = m => handle(m.data);
  source.addEventListener('dropped', m => onNotice('dropped', m.data));
  source.addEventListener('ready', () => onState('open'));
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  return { close: () => source.close() };
}
