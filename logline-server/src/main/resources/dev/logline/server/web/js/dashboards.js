// The dashboards pages: /dashboards lists the boards (new, import, export, delete); /dashboards/{id} shows one board
// of panels on a grid, with its time range, auto-refresh and variables in the address (?last=24h&refresh=30s
// &var-service=payments; * is "all"), panels run together on the server, drag to move and resize (kept when the
// board is editable), an editor for panels, and clicks that drill into the search page.

import { getJson, unwrapEvent } from './api.js';
import { wireAuth } from './auth.js';
import { escapeHtml } from './format.js';
import { addClause, fieldClause, pipeStart } from './lql.js';
import { openTail } from './tail.js';
import { documents, runPanels } from './documents.js';
import { enableDrag, place } from './boardgrid.js';
import { eventLinesHtml, renderPanelView } from './panelviews.js';

const $ = sel => document.querySelector(sel);
const boards = documents('dashboards');
const RANGES = ['15m', '1h', '6h', '24h', '7d'];
const REFRESHES = ['off', '10s', '30s', '1m', '5m'];
const VIEWS = ['timechart', 'bars', 'single', 'table', 'pie', 'logs'];
const LIVE_MAX_LINES = 200;
const UNIT_MS = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

let doc = null;
let board = null;
let params = new URLSearchParams(location.search);
let controller = null;
let refreshTimer = null;
let tails = new Map();
let answers = new Map();
let editing = false;

function notice(text, kind = 'info') {
  const n = $('#notice');
  n.hidden = !text;
  n.textContent = text || '';
  n.dataset.kind = kind;
}

function boardIdFromPath() {
  const m = /^\/dashboards\/([^/]+)\/?$/.exec(location.pathname);
  return m ? decodeURIComponent(m[1]) : null;
}

function durationMs(text) {
  const m = /^(\d+)(s|m|h|d|w)$/.exec(text || '');
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

/** The range the board shows: ?last= when given, else the board's own. */
function boardTime() {
  const last = params.get('last');
  return last ? { last } : board.time ?? { last: '1h' };
}

/** Each variable's value: ?var-name= when given (* for all), else its default (null is all). */
function variableValues() {
  const values = {};
  for (const v of board.variables ?? []) {
    const p = params.get('var-' + v.name);
    values[v.name] = p === null ? (v.default ?? null) : p === '*' ? null : p;
  }
  return values;
}

function setParam(name, value) {
  if (value === null || value === undefined || value === '') params.delete(name); else params.set(name, value);
  history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));
}

// ---- the board ----

async function openBoard(id) {
  $('#board-list').hidden = true;
  try {
    doc = await boards.get(id);
  } catch (e) {
    $('#board-title').textContent = 'Dashboard not found';
    notice(e.message, 'error');
    return;
  }
  board = doc.dashboard;
  document.title = `${board.title} · Logline`;
  $('#board-title').textContent = board.title;
  $('#board-controls').hidden = false;
  $('#edit').hidden = !doc.editable;
  if (doc.provisioned) notice('Provisioned from a file: read-only here. Export it and import a copy to change it.');
  fillRangeAndRefresh();
  renderVariables();
  renderGrid();
  await load();
  scheduleRefresh();
}

function fillRangeAndRefresh() {
  const time = boardTime();
  const ranges = [...RANGES];
  if (time.last && !ranges.includes(time.last)) ranges.push(time.last);
  $('#range').innerHTML = (time.last ? '' : '<option value="">board range</option>')
    + ranges.map(r => `<option value="${r}"${r === time.last ? ' selected' : ''}>Last ${r}</option>`).join('');
  const refresh = params.get('refresh') ?? board.refresh ?? 'off';
  const refreshes = REFRESHES.includes(refresh) ? REFRESHES : [...REFRESHES, refresh];
  $('#refresh').innerHTML = refreshes.map(r => `<option value="${r}"${r === refresh ? ' selected' : ''}>${r === 'off' ? 'Refresh off' : 'Every ' + r}</option>`).join('');
}

function scheduleRefresh() {
  clearInterval(refreshTimer);
  const ms = durationMs(params.get('refresh') ?? board.refresh ?? 'off');
  if (ms) refreshTimer = setInterval(() => load(true), ms);
}

/** A field name as LQL writes it. */
function lqlName(f) {
  return /^[A-Za-z0-9_.@-]+$/.test(f) ? f : '`' + f.replace(/[`\\]/g, c => '\\' + c) + '`';
}

function renderVariables() {
  const values = variableValues();
  $('#variables').innerHTML = (board.variables ?? []).map(v => `<label class="variable">${escapeHtml(v.label ?? v.name)}
      <select data-var="${escapeHtml(v.name)}" aria-label="${escapeHtml(v.label ?? v.name)}">
        <option value="*"${values[v.name] === null ? ' selected' : ''}>All</option>
        ${values[v.name] === null ? '' : `<option selected>${escapeHtml(values[v.name])}</option>`}
      </select></label>`).join('');
  // The choices are the field's values in the board's range, most frequent first.
  for (const v of board.variables ?? []) {
    const q = `${lqlName(v.field)}:* | stats count() by ${lqlName(v.field)} | sort by count desc | limit 50`;
    getJson('/api/v1/search', { q, ...boardTime() }).then(answer => {
      const select = document.querySelector(`select[data-var="${CSS.escape(v.name)}"]`);
      const current = variableValues()[v.name];
      const options = answer.rows.map(r => r[0]).filter(x => x !== null && x !== '').map(String);
      if (current !== null && !options.includes(current)) options.unshift(current);
      select.innerHTML = `<option value="*"${current === null ? ' selected' : ''}>All</option>`
        + options.map(o => `<option${o === current ? ' selected' : ''}>${escapeHtml(o)}</option>`).join('');
      select.dataset.filled = '1';
    }).catch(e => notice(`Values of $${v.name}: ${e.message}`, 'error'));
  }
}

function panelEl(id) {
  return document.querySelector(`[data-panel="${CSS.escape(id)}"]`);
}

function renderGrid() {
  closeTails();
  answers = new Map();
  const grid = $('#board');
  grid.hidden = false;
  grid.classList.toggle('editing', editing);
  grid.innerHTML = board.panels.length === 0
    ? `<div class="empty board-empty">No panels yet.${doc.editable ? ' Press Edit, then Add panel.' : ''}</div>`
    : board.panels.map(p => `<section class="dash-panel" data-panel="${escapeHtml(p.id)}" data-view="${p.view}">
      <div class="panel-head" title="${doc.editable ? 'Drag to move' : ''}">
        <a class="panel-title" href="#" title="Open in the search page">${escapeHtml(p.title || p.query)}</a>
        <span class="panel-actions"><button type="button" class="ghost" data-action="edit">Edit</button><button type="button" class="ghost" data-action="remove" title="Remove panel">✕</button></span>
      </div>
      <div class="panel-body"><div class="empty">Loading…</div></div>
      <div class="resize-handle" title="Drag to resize"></div></section>`).join('');
  for (const p of board.panels) place(panelEl(p.id), p.grid);
}

function panelRequest(p) {
  const r = { id: p.id, query: p.query };
  if (p.time) r.time = p.time;
  if (p.view === 'logs') r.limit = p.options?.limit ?? 50;
  if (p.view === 'table') r.limit = p.options?.limit ?? 100;
  return r;
}

/** Runs every panel (the server runs a few at once); on an auto-refresh, live streams keep running. */
async function load(refreshing = false) {
  if (!board || board.panels.length === 0) return;
  controller?.abort(new DOMException('a newer load replaced this one', 'AbortError'));
  controller = new AbortController();
  const panels = board.panels.filter(p => !(refreshing && p.view === 'logs' && tails.has(p.id)));
  if (panels.length === 0) return;
  $('#board').dataset.loading = '1';
  try {
    const answer = await runPanels({ time: boardTime(), variables: variableValues(), panels: panels.map(panelRequest) },
      controller.signal);
    answer.panels.forEach((a, i) => showAnswer(panels[i], a));
    $('#board').dataset.loads = String(Number($('#board').dataset.loads ?? 0) + 1);
  } catch (e) {
    if (e.name !== 'AbortError') notice(e.message, 'error');
  } finally {
    delete $('#board').dataset.loading;
  }
}

function showAnswer(panel, a) {
  const el = panelEl(panel.id);
  if (!el) return;
  answers.set(panel.id, a);
  el.dataset.query = a.query;
  const body = el.querySelector('.panel-body');
  if (a.status !== 200) {
    el.dataset.state = 'error';
    const caret = a.column ? `<pre class="mono">${escapeHtml(panel.query)}\n${' '.repeat(a.column - 1)}^ column ${a.column}</pre>` : '';
    body.innerHTML = `<div class="panel-error">${caret}${escapeHtml(a.error)}</div>`;
    return;
  }
  el.dataset.state = 'ok';
  const result = Array.isArray(a.result.events) ? { ...a.result, events: a.result.events.map(e => unwrapEvent(e).e) } : a.result;
  renderPanelView(body, panel.view, panel.options ?? {}, result, filters => drill(panel, a, filters));
  if (panel.view === 'logs') startTail(panel, el, a.query);
}

function startTail(panel, el, query) {
  tails.get(panel.id)?.close();
  tails.set(panel.id, openTail(query, list => {
    const stream = el.querySelector('.log-stream');
    if (!stream) return;
    stream.querySelector('.empty')?.remove();
    stream.insertAdjacentHTML('afterbegin', eventLinesHtml(list.map(x => x.e).reverse()));
    const lines = stream.querySelectorAll('.log-line');
    for (let i = LIVE_MAX_LINES; i < lines.length; i++) lines[i].remove();
  }, () => {}, state => { el.dataset.live = state; }));
}

function closeTails() {
  for (const t of tails.values()) t.close();
  tails = new Map();
}

/** Opens the search page with the panel's query (or, for a clicked group, its filter and that group) and range. */
function drill(panel, a, filters) {
  let q = a.query;
  if (filters) {
    const p = pipeStart(q);
    q = (p < 0 ? q : q.slice(0, p)).trim() || '*';
    for (const [field, value] of filters) q = addClause(q, fieldClause(field, value));
  }
  const time = panel.time ?? boardTime();
  const range = time.last ? { last: time.last } : { from: a.from, to: a.to };
  location.href = '/#' + new URLSearchParams({ q, ...range }).toString();
}

// ---- changes ----

async function save(next, what) {
  try {
    doc = await boards.update(doc.id, next, doc.version);
    board = doc.dashboard;
    notice('');
    return true;
  } catch (e) {
    notice(e.status === 409 ? `Someone changed this board meanwhile; reload the page before you ${what}. (${e.message})`
      : `Could not ${what}: ${e.message}`, 'error');
    return false;
  }
}

async function moved(id, cells) {
  const next = structuredClone(board);
  next.panels.find(p => p.id === id).grid = cells;
  if (!doc.editable) {
    board = next;
    notice(doc.provisioned ? 'Provisioned board: the new layout is not kept (change the file to keep it).'
      : 'Only the owner or an admin may change this board: the new layout is not kept.');
  } else if (await save(next, 'keep the new layout')) {
    $('#board').dataset.saved = String(doc.version);
  }
  rerender(id);
}

/** Draws a panel again from its last answer (after a move or resize changed its size). */
function rerender(id) {
  const panel = board.panels.find(p => p.id === id);
  const a = answers.get(id);
  place(panelEl(id), panel.grid);
  if (a && panel.view !== 'logs') showAnswer(panel, a);
}

function openEditor(panel) {
  const d = $('#editor');
  const p = panel ?? { id: '', title: '', query: '* | timechart 1m count() by level', view: 'timechart', options: {} };
  const f = d.querySelector('form');
  f.dataset.panel = p.id;
  f.title.value = p.title ?? '';
  f.query.value = p.query;
  f.view.innerHTML = VIEWS.map(v => `<option${v === p.view ? ' selected' : ''}>${v}</option>`).join('');
  f.stacked.checked = !!p.options?.stacked;
  f.thresholds.value = (p.options?.thresholds ?? []).map(t => `${t.value}:${t.colour}`).join(', ');
  f.reduce.value = p.options?.reduce ?? '';
  f.unit.value = p.options?.unit ?? '';
  f.range.value = p.time?.last ?? '';
  $('#editor-error').textContent = '';
  d.showModal();
}

async function saveEditor(ev) {
  ev.preventDefault();
  const f = ev.target;
  const options = {};
  if (f.stacked.checked) options.stacked = true;
  if (f.reduce.value) options.reduce = f.reduce.value;
  if (f.unit.value.trim()) options.unit = f.unit.value.trim();
  const thresholds = f.thresholds.value.split(',').map(s => s.trim()).filter(Boolean).map(s => {
    const [value, colour] = s.split(':');
    return { value: Number(value), colour: (colour ?? '').trim() };
  });
  if (thresholds.length) options.thresholds = thresholds;
  const next = structuredClone(board);
  const old = next.panels.find(p => p.id === f.dataset.panel);
  const panel = { ...(old ?? {}), title: f.title.value.trim(), query: f.query.value.trim(), view: f.view.value, options };
  if (f.range.value) panel.time = { last: f.range.value }; else delete panel.time;
  if (old) {
    next.panels[next.panels.indexOf(old)] = panel;
  } else {
    delete panel.id;
    const bottom = Math.max(0, ...next.panels.map(p => p.grid.y + p.grid.h));
    panel.grid = { x: 0, y: bottom, w: 6, h: 4 };
    next.panels.push(panel);
  }
  try {
    doc = await boards.update(doc.id, next, doc.version);
    board = doc.dashboard;
  } catch (e) {
    const where = e.field ? `${e.field.replace(/^panels\[\d+\]\./, '')}: ` : '';
    $('#editor-error').textContent = e.column ? `${e.message} (column ${e.column})` : where && !e.message.startsWith(e.field) ? where + e.message : e.message;
    return;
  }
  $('#editor').close();
  renderGrid();
  load();
}

function exportBoard() {
  const blob = new Blob([JSON.stringify({ dashboard: board }, null, 2) + '\n'], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${doc.id}.json`;
  a.click();
  URL.revokeObjectURL(a.href);
}

function wireBoard() {
  enableDrag($('#board'), id => board.panels.find(p => p.id === id).grid, moved);
  $('#board').addEventListener('click', async ev => {
    const el = ev.target.closest('[data-panel]');
    if (!el) return;
    const panel = board.panels.find(p => p.id === el.dataset.panel);
    if (ev.target.closest('.panel-title')) {
      ev.preventDefault();
      const a = answers.get(panel.id);
      if (a) drill(panel, a, null);
    }
    const action = ev.target.closest('button[data-action]')?.dataset.action;
    if (action === 'edit') openEditor(panel);
    if (action === 'remove' && confirm(`Remove the panel "${panel.title || panel.query}"?`)) {
      const next = structuredClone(board);
      next.panels = next.panels.filter(p => p.id !== panel.id);
      if (await save(next, 'remove the panel')) renderGrid();
      load();
    }
  });
  $('#variables').addEventListener('change', ev => {
    const name = ev.target.dataset.var;
    if (!name) return;
    setParam('var-' + name, ev.target.value);
    load();
  });
  $('#range').onchange = () => { setParam('last', $('#range').value); renderVariables(); load(); };
  $('#refresh').onchange = () => { setParam('refresh', $('#refresh').value); scheduleRefresh(); };
  $('#reload').onclick = () => load();
  $('#edit').onclick = () => {
    editing = !editing;
    $('#edit').textContent = editing ? 'Done' : 'Edit';
    $('#add-panel').hidden = !editing;
    $('#board').classList.toggle('editing', editing);
  };
  $('#add-panel').onclick = () => openEditor(null);
  $('#export').onclick = exportBoard;
  $('#editor form').addEventListener('submit', saveEditor);
  $('#editor-cancel').onclick = () => $('#editor').close();
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => board?.panels.forEach(p => rerender(p.id)), 250);
  });
}

// ---- the list ----

async function openList() {
  $('#board-title').textContent = 'Dashboards';
  const list = $('#board-list');
  list.hidden = false;
  let answer;
  try {
    answer = await boards.list();
  } catch (e) {
    notice(e.message, 'error');
    return;
  }
  const rows = answer.items.map(d => `<tr data-id="${escapeHtml(d.id)}">
      <td><a href="/dashboards/${encodeURIComponent(d.id)}">${escapeHtml(d.dashboard.title)}</a>${d.provisioned ? ' <span class="tag">provisioned</span>' : ''}</td>
      <td class="num">${d.dashboard.panels.length}</td><td class="mono">${escapeHtml(d.owner || '—')}</td>
      <td class="mono">${escapeHtml(d.updated.slice(0, 19).replace('T', ' '))}</td>
      <td>${d.editable ? '<button type="button" class="ghost" data-action="delete">Delete</button>' : ''}</td></tr>`).join('');
  list.innerHTML = `<div class="list-actions"><button type="button" class="primary" id="new-board">New dashboard</button>
      <details class="import"><summary>Import JSON</summary><textarea id="import-text" rows="8" placeholder='{"dashboard": {"title": "…", "panels": […]}}'></textarea>
      <button type="button" id="import">Import</button></details></div>
    ${answer.problems.length ? `<div class="notice" data-kind="error">${answer.problems.map(escapeHtml).join('<br>')}</div>` : ''}
    <table class="stats board-table"><thead><tr><th>Title</th><th class="num">Panels</th><th>Owner</th><th>Updated (UTC)</th><th></th></tr></thead>
    <tbody>${rows}</tbody></table>${answer.items.length ? '' : '<div class="empty">No dashboards yet.</div>'}`;
  $('#new-board').onclick = async () => {
    const created = await boards.create({ title: 'New dashboard', panels: [] }).catch(e => notice(e.message, 'error'));
    if (created) location.href = '/dashboards/' + encodeURIComponent(created.id);
  };
  $('#import').onclick = async () => {
    let parsed;
    try { parsed = JSON.parse($('#import-text').value); } catch (e) { notice('Not JSON: ' + e.message, 'error'); return; }
    const created = await boards.create(parsed).catch(e => notice(e.message, 'error'));
    if (created) location.href = '/dashboards/' + encodeURIComponent(created.id);
  };
  list.querySelector('tbody').onclick = async ev => {
    const tr = ev.target.closest('tr[data-id]');
    if (ev.target.closest('[data-action="delete"]') && confirm('Delete this dashboard?')) {
      await boards.remove(tr.dataset.id).catch(e => notice(e.message, 'error'));
      openList();
    }
  };
}

wireAuth();
const id = boardIdFromPath();
if (id) {
  wireBoard();
  openBoard(id);
} else {
  openList();
}
