// Live tail: an EventSource on /api/v1/tail; events arrive newest last and are shown newest first.

import { jsonBody, postsBody, unwrapEvent, url } from './api.js';
import { apiKey, authHeaders } from './auth.js';

/**
 * Opens the stream; onEvents receives arrays of {id, e}; onNotice receives server notices (e.g. dropped counts).
 * Returns a handle with close().
 */
export function openTail(q, onEvents, onNotice, onState) {
  const handle = data => {
    let parsed;
    try { parsed = JSON.parse(data); } catch { return; }
    const list = Array.isArray(parsed) ? parsed : Array.isArray(parsed?.events) ? parsed.events : [parsed];
    onEvents(list.filter(x => x && typeof x === 'object').map(unwrapEvent));
  };
  if (postsBody('/api/v1/tail', { q })) return openPostedTail(q, handle, onNotice, onState);
  // EventSource cannot send headers, so the key travels as a query parameter (the server accepts it on GET only).
  const source = new EventSource(url('/api/v1/tail', { q, api_key: apiKey() }));
  // The server sends `event: log` per event, `ready` once the subscription is live, `dropped` when we lag.
  source.addEventListener('log', m => handle(m.data));
  source.onmessage = m => handle(m.data);
  source.addEventListener('dropped', m => onNotice('dropped', m.data));
  source.addEventListener('ready', () => onState('open'));
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  return { close: () => source.close() };
}

/**
 * The tail of a filter too long for a URL: a POST whose response is read as Server-Sent Events (EventSource can
 * only GET). Reconnects after 3 s when the stream ends, as EventSource would.
 */
function openPostedTail(q, handle, onNotice, onState) {
  let closed = false;
  let controller = null;
  const dispatch = block => {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (!data.length) return;
    if (event === 'ready') onState('open');
    else if (event === 'dropped') onNotice('dropped', data.join('\n'));
    else handle(data.join('\n'));
  };
  const connect = async () => {
    controller = new AbortController();
    try {
      const res = await fetch(url('/api/v1/tail'), {
        method: 'POST', signal: controller.signal, body: jsonBody({ q }),
        headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', ...authHeaders() } });
      if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      if (closed) return;
    }
    if (closed) return;
    onState('reconnecting');
    setTimeout(() => { if (!closed) connect(); }, 3000);
  };
  connect();
  return { close: () => { closed = true; controller?.abort(); } };
}
