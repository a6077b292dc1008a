// The results table: time, level, service, message (plus a few tags), each row expandable to its JSON.
// A click on a row expands it; filtering is done from the expanded JSON (+ / − beside each value) and the sidebar.

import { currentZone, escapeHtml, formatTime, jsonHtml, levelBadge } from './format.js';

const TAGS = ['trace_id', 'order_id', 'request_id', 'duration_ms'];
const CORRELATION_FIELDS = ['request_id', 'correlation_id', 'log_uid', 'order_id'];

export function eventsTableHtml() {
  return `<table class="events"><colgroup><col class="c-time"><col class="c-level"><col class="c-service"><col></colgroup>
    <thead><tr><th>Time (${currentZone() === 'utc' ? 'UTC' : 'local'})</th><th>Level</th><th>Service</th><th>Message</th></tr></thead><tbody></tbody></table>`;
}

export function eventRowHtml({ id, e }, fresh = false) {
  // Only the trace id is a link (it opens the transaction); everything else in a row expands the row.
  const tags = TAGS.filter(k => e[k] !== undefined && e[k] !== null)
    .map(k => `<span class="tag">${k}=${k === 'trace_id'
      ? `<span class="value trace-link" data-field="trace_id" data-value="${escapeHtml(e[k])}" data-trace="1" title="Open the transaction">${escapeHtml(String(e[k]).slice(0, 12))}…</span>`
      : escapeHtml(String(e[k]))}</span>`).join('');
  const err = e.error && e.error.type ? `<span class="tag">${escapeHtml(e.error.type)}</span>` : '';
  return `<tr class="row${fresh ? ' fresh' : ''}" data-id="${escapeHtml(id ?? '')}" title="Click to show the whole event">
    <td class="time">${escapeHtml(formatTime(e.ts))}</td>
    <td>${e.level ? levelBadge(e.level) : ''}</td>
    <td class="service">${escapeHtml(e.service ?? '')}</td>
    <td class="msg">${escapeHtml(e.msg ?? '')}${err}${tags}</td></tr>`;
}

export function detailRowHtml({ id, e }) {
  const actions = [];
  if (e.trace_id) actions.push(`<button type="button" data-action="trace" data-value="${escapeHtml(e.trace_id)}">Open transaction</button>`);
  // Any correlation field can rebuild a transaction too (DESIGN: request_id, correlation_id, log_uid, order_id).
  for (const f of CORRELATION_FIELDS) {
    if (e[f] !== undefined && e[f] !== null) {
      actions.push(`<button type="button" data-action="trace" data-field="${f}" data-value="${escapeHtml(String(e[f]))}">Transaction by ${f}</button>`);
    }
  }
  if (id) actions.push(`<button type="button" data-action="context" data-id="${escapeHtml(id)}">Events around</button>`);
  actions.push(`<button type="button" data-action="copy">Copy JSON</button>`);
  return `<tr class="detail"><td colspan="4"><div class="detail-actions">${actions.join('')}</div>
    <pre class="json">${jsonHtml(e)}</pre></td></tr>`;
}

/** Expands or collapses the detail row under a clicked row. */
export function toggleDetail(tr, item) {
  const next = tr.nextElementSibling;
  if (next && next.classList.contains('detail')) {
    next.remove();
    tr.classList.remove('open');
    return;
  }
  tr.insertAdjacentHTML('afterend', detailRowHtml(item));
  tr.classList.add('open');
  const copy = tr.nextElementSibling.querySelector('[data-action="copy"]');
  copy.onclick = () => navigator.clipboard?.writeText(JSON.stringify(item.e, null, 2));
}
