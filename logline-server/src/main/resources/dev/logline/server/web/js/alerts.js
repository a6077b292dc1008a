// The alerts page: the tenant's rules with their state and a sparkline of recent values, an editor that previews
// the rule's current value as it is typed, and each rule's history. Talks to /api/v1/alerts (docs/ALERTS.md).

import { ApiError, getJson, sendJson } from './api.js';
import { wireAuth } from './auth.js';
import { escapeHtml, formatTime } from './format.js';

const $ = sel => document.querySelector(sel);
/** The list is refreshed this often, so states change on screen as rules fire and resolve. */
const REFRESH_MS = 2000;

let editing = null; // the rule being edited, or null for a new one
let previewTimer = null;
let previewController = null;

function fmt(v) {
  if (v === null || v === undefined) return '–';
  return Number.isInteger(v) ? String(v) : Number(v).toPrecision(4).replace(/\.?0+$/, '');
}

/** An SVG polyline of the recent values, with the threshold as a dashed line when it is in range. */
export function sparkline(recent, threshold) {
  const values = (recent || []).map(p => p[1]);
  const known = values.filter(v => v !== null);
  if (known.length === 0) return '<svg class="sparkline" viewBox="0 0 120 28"></svg>';
  const lo = Math.min(0, ...known, threshold ?? Infinity), hi = Math.max(...known, threshold ?? -Infinity, lo + 1);
  const x = i => values.length === 1 ? 60 : (i / (values.length - 1)) * 118 + 1;
  const y = v => 27 - ((v - lo) / (hi - lo)) * 25;
  let d = '';
  values.forEach((v, i) => { if (v !== null) d += `${d === '' ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`; });
  const line = threshold !== null && threshold !== undefined
    ? `<line x1="0" x2="120" y1="${y(threshold).toFixed(1)}" y2="${y(threshold).toFixed(1)}"></line>` : '';
  return `<svg class="sparkline" viewBox="0 0 120 28" aria-label="recent values">${line}<path d="${d}"></path></svg>`;
}

function threshold(condition) {
  const m = /(-?[0-9.eE+]+)\s*$/.exec(condition || '');
  return m ? Number(m[1]) : null;
}

function ruleRow(r) {
  const s = r.status || {};
  const err = s.error ? `<div class="rule-error">${escapeHtml(s.error)}</div>` : '';
  const by = r.by && r.by.length ? ` by ${escapeHtml(r.by.join(', '))}` : '';
  const firing = (s.groups || []).filter(g => g.state === 'firing').map(g => Object.entries(g.group).map(([k, v]) => `${k}=${v}`).join(', ')).filter(Boolean);
  return `<tr class="rule" data-id="${escapeHtml(r.id)}">
    <td><span class="state state-${escapeHtml(s.state || 'ok')}">${escapeHtml(s.state || 'ok')}</span></td>
    <td><strong>${escapeHtml(r.name)}</strong>${r.provisioned ? ' <span class="muted">(file)</span>' : ''}
      <div class="muted mono">${escapeHtml(r.query)}</div>${err}${firing.length ? `<div class="muted">firing: ${escapeHtml(firing.join('; '))}</div>` : ''}</td>
    <td class="mono">${escapeHtml(r.condition)} <span class="muted">over ${escapeHtml(r.window)}${by}</span></td>
    <td class="value">${fmt(s.value)}</td>
    <td>${sparkline(s.recent, threshold(r.condition))}</td>
    <td class="muted">${s.last_evaluated ? escapeHtml(formatTime(s.last_evaluated)) : 'not yet'}</td>
    <td><button type="button" class="ghost" data-act="history">History</button>${r.provisioned ? '' : `
      <button type="button" class="ghost" data-act="edit">Edit</button>
      <button type="button" class="ghost" data-act="delete">Delete</button>`}</td></tr>`;
}

let rules = [];

async function refresh() {
  try {
    const body = await getJson('/api/v1/alerts', {});
    rules = body.rules || [];
    $('#rules').innerHTML = rules.length ? rules.map(ruleRow).join('')
      : '<tr><td colspan="7" class="empty">No alert rules yet. “New rule” makes one.</td></tr>';
    $('#alerts-error').hidden = true;
  } catch (e) {
    $('#alerts-error').hidden = false;
    $('#alerts-error').textContent = e.status === 404 ? 'This server runs without alerting.' : e.message;
  }
}

function formRule() {
  const rule = {
    name: $('#f-name').value.trim() || 'preview',
    query: $('#f-query').value.trim() || '*',
    condition: $('#f-condition').value.trim(),
    window: $('#f-window').value.trim() || '5m',
    interval: $('#f-interval').value.trim() || '1m',
    for: Number($('#f-for').value || 1),
    by: $('#f-by').value.split(',').map(s => s.trim()).filter(Boolean),
    severity: $('#f-severity').value,
  };
  const hook = $('#f-webhook').value.trim();
  if (editing) {
    // Keep the targets the form does not show (e-mail, Slack, a signed webhook's secret).
    rule.notify = (editing.notify || []).filter(t => !(t.type === 'webhook' && !t.secret));
    if (hook && !rule.notify.some(t => t.url === hook)) rule.notify.push({ type: 'webhook', url: hook });
    rule.labels = editing.labels;
    rule.renotify = editing.renotify;
    rule.version = editing.version;
  } else if (hook) {
    rule.notify = [{ type: 'webhook', url: hook }];
  }
  return rule;
}

function showEditorError(e) {
  const box = $('#editor-error');
  if (!e) { box.hidden = true; return; }
  box.hidden = false;
  box.textContent = e.message + (e.column ? ` (column ${e.column})` : '');
}

async function preview() {
  previewController?.abort(new DOMException('a newer preview replaced this one', 'AbortError'));
  previewController = new AbortController();
  const rule = formRule();
  if (!rule.condition) { $('#preview-value').textContent = '–'; return; }
  try {
    const r = await sendJson('POST', '/api/v1/alerts/test', rule, previewController.signal);
    $('#preview-value').textContent = fmt(r.value);
    const groups = (r.groups || []).length;
    $('#preview-note').textContent = `${r.breaching ? 'breaching' : 'not breaching'}${groups > 1 ? ` · highest of ${groups} groups` : ''}`;
    showEditorError(null);
  } catch (e) {
    if (e.name === 'AbortError') return;
    $('#preview-value').textContent = '–';
    $('#preview-note').textContent = '';
    showEditorError(e);
  }
}

function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 400);
}

function openEditor(rule) {
  editing = rule;
  $('#editor-title').textContent = rule ? `Edit ${rule.name}` : 'New rule';
  $('#f-name').value = rule?.name ?? '';
  $('#f-query').value = rule?.query ?? '*';
  $('#f-condition').value = rule?.condition ?? '';
  $('#f-window').value = rule?.window ?? '5m';
  $('#f-interval').value = rule?.interval ?? '1m';
  $('#f-for').value = rule?.for ?? 1;
  $('#f-by').value = (rule?.by ?? []).join(', ');
  $('#f-severity').value = rule?.severity ?? 'warning';
  $('#f-webhook').value = (rule?.notify ?? []).find(t => t.type === 'webhook' && !t.secret)?.url ?? '';
  $('#preview-value').textContent = '–';
  $('#preview-note').textContent = '';
  showEditorError(null);
  $('#editor').hidden = false;
  $('#f-name').focus();
  if (rule) preview();
}

async function save(ev) {
  ev.preventDefault();
  try {
    if (editing) await sendJson('PUT', `/api/v1/alerts/${encodeURIComponent(editing.id)}`, formRule());
    else await sendJson('POST', '/api/v1/alerts', formRule());
    $('#editor').hidden = true;
    editing = null;
    await refresh();
  } catch (e) {
    showEditorError(e instanceof ApiError ? e : new Error(String(e)));
  }
}

async function showHistory(rule) {
  const body = await getJson(`/api/v1/alerts/${encodeURIComponent(rule.id)}/history`, { limit: 100 });
  $('#history-title').textContent = `History of ${rule.name}`;
  const rows = (body.entries || []).map(h => `<tr>
    <td>${escapeHtml(formatTime(h.at))}</td>
    <td class="mono">${escapeHtml(Object.entries(h.group || {}).map(([k, v]) => `${k}=${v}`).join(', ') || '–')}</td>
    <td>${escapeHtml(h.from || 'new')} → <span class="state state-${escapeHtml(h.to)}">${escapeHtml(h.to)}</span></td>
    <td>${fmt(h.value)}</td>
    <td class="muted">${escapeHtml([h.notified ? 'notified' : '', h.silenced ? 'silenced' : '', h.detail || ''].filter(Boolean).join(' · '))}</td></tr>`);
  $('#history-rows').innerHTML = rows.join('') || '<tr><td colspan="5" class="empty">No changes yet.</td></tr>';
  $('#history').hidden = false;
}

function wire() {
  wireAuth();
  $('#new-rule').onclick = () => openEditor(null);
  $('#cancel').onclick = () => { $('#editor').hidden = true; editing = null; };
  $('#preview').onclick = preview;
  $('#editor').onsubmit = save;
  for (const id of ['#f-query', '#f-condition', '#f-window', '#f-by']) $(id).addEventListener('input', schedulePreview);
  $('#rules').addEventListener('click', async ev => {
    const button = ev.target.closest('button[data-act]');
    if (!button) return;
    const rule = rules.find(r => r.id === button.closest('tr').dataset.id);
    if (!rule) return;
    if (button.dataset.act === 'edit') openEditor(rule);
    if (button.dataset.act === 'history') showHistory(rule);
    if (button.dataset.act === 'delete' && confirm(`Delete the rule “${rule.name}” and its history?`)) {
      await sendJson('DELETE', `/api/v1/alerts/${encodeURIComponent(rule.id)}`);
      await refresh();
    }
  });
  refresh();
  setInterval(refresh, REFRESH_MS);
}

wire();
