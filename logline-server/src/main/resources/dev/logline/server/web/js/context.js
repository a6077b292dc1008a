// Events around one event on the same service and host, the anchor highlighted.

import { unwrapEvent } from './api.js';
import { currentZone, escapeHtml, formatTime, levelBadge } from './format.js';

export function renderContext(el, anchorId, body) {
  const items = (Array.isArray(body?.events) ? body.events : Array.isArray(body) ? body : []).map(unwrapEvent);
  if (items.length === 0) {
    el.innerHTML = '<div class="empty">No neighbouring events.</div>';
    return;
  }
  const anchor = body?.anchor ?? body?.event_id ?? anchorId;
  el.innerHTML = `<table class="events"><colgroup><col class="c-time"><col class="c-level"><col class="c-service"><col></colgroup>
    <thead><tr><th>Time (${currentZone() === 'utc' ? 'UTC' : 'local'})</th><th>Level</th><th>Service / host</th><th>Message</th></tr></thead><tbody>
    ${items.map(({ id, e }) => `<tr class="context-row${id === anchor ? ' anchor' : ''}">
      <td class="time">${escapeHtml(formatTime(e.ts))}</td><td>${levelBadge(e.level)}</td>
      <td class="mono">${escapeHtml(e.service ?? '')}${e.host ? ' / ' + escapeHtml(e.host) : ''}</td>
      <td class="msg">${escapeHtml(e.msg ?? '')}</td></tr>`).join('')}</tbody></table>`;
}
