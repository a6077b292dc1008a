// Wires the page together: state in the URL hash, search, histogram, facets, results, live tail and panels.

import { ApiError, getJson, unwrapEvent } from './api.js';
import { escapeHtml, formatInputTime, localZoneName, parseUserTime, setZone, zoneLabel } from './format.js';
import { chooseInterval, legendHtml, parseHistogram, renderHistogram } from './histogram.js';
import { parseCoverage, parseFields, renderFacets } from './facets.js';
import { addClause, excludeClause, fieldClause, pipeStart } from './lql.js';
import { eventRowHtml, eventsTableHtml, toggleDetail } from './results.js';
import { describeRange, readState, timeBounds, timeParams, writeState } from './state.js';
import { renderStats } from './stats.js';
import { renderTrace } from './trace.js';
import { renderContext } from './context.js';
import { openTail } from './tail.js';
import { wireAuth } from './auth.js';

const $ = sel => document.querySelector(sel);
const PAGE = 100;
const LIVE_MAX_ROWS = 500;
/** While Live is on, the histogram and the fields are brought up to date this often when new events came. */
const LIVE_REFRESH_MS = 5000;

let state = readState();
let controller = null;
let cursor = null;
let items = new Map();
let tail = null;
let paused = false;
let pausedBuffer = [];
let liveRefresh = null;
let liveDirty = false;
let sideController = null;

function filterPart(q) {
  const p = pipeStart(q || '');
  const f = (p < 0 ? q || '' : q.slice(0, p)).trim();
  return f === '' ? '*' : f;
}

function showQueryError(err, q) {
  const box = $('#query-error');
  if (!err) { box.hidden = true; return; }
  box.hidden = false;
  $('#query-error-message').textContent = err.message;
  const marker = $('#query-error-marker');
  if (err.column) {
    const col = Math.max(1, err.column);
    marker.innerHTML = `${escapeHtml(q)}\n${' '.repeat(col - 1)}<span class="caret">^ column ${col}</span>`;
    marker.hidden = false;
    const input = $('#q');
    input.focus();
    input.setSelectionRange(col - 1, Math.min(q.length, col));
  } else {
    marker.hidden = true;
  }
}

/** Ends the requests of a view the user left; a reason keeps the browser from logging a bare AbortError. */
function supersede(c) {
  c?.abort(new DOMException('a newer query replaced this one', 'AbortError'));
}

async function run() {
  supersede(controller);
  controller = new AbortController();
  const signal = controller.signal;
  const q = state.q || '*';
  setZone(state.tz);
  $('#q').value = state.q || '';
  $('#time-button').textContent = describeRange(state);
  showZone();
  $('#results').innerHTML = '<div class="empty">Searching…</div>';
  $('#more').hidden = true;
  showQueryError(null);
  const search = getJson('/api/v1/search', { q, ...timeParams(state), limit: PAGE }, signal);
  const side = refreshSide(signal);
  try {
    const body = await search;
    if (Array.isArray(body.columns)) {
      renderStats($('#results'), body);
      $('#summary').dataset.stats = '1';
      $('#summary').textContent = `${body.rows.length} rows · ${body.took_ms ?? '?'} ms`;
    } else {
      renderEvents(body);
    }
  } catch (e) {
    if (e.name === 'AbortError') return;
    $('#results').innerHTML = `<div class="empty">${escapeHtml(e.status === 400 ? 'Fix the query above and press Enter.' : e.message)}</div>`;
    $('#summary').textContent = '';
    if (e instanceof ApiError && e.status === 400) showQueryError(e, q);
    supersede(sideController);
    $('#histogram').innerHTML = '';
    $('#legend').innerHTML = '';
    $('#facets').innerHTML = '';
    return;
  }
  await side;
  if (tail) startTail();
}

/**
 * Loads the histogram and the fields sidebar for the current view (also while Live is on, to keep them current).
 * Never rejects: a failure is shown in place, an abort is silent.
 */
function refreshSide(parentSignal) {
  supersede(sideController);
  sideController = new AbortController();
  const signal = sideController.signal;
  parentSignal?.addEventListener('abort', () => supersede(sideController), { once: true });
  const q = state.q || '*';
  const [from, to] = timeBounds(state);
  const interval = chooseInterval(to - from);
  const tp = timeParams(state);
  const histogram = getJson('/api/v1/histogram', { q: filterPart(q), ...tp, interval: interval.text }, signal).then(h => {
    // The server's own bounds and bucket size keep bars aligned with what it counted.
    const hFrom = h?.from ? Date.parse(h.from) : from, hTo = h?.to ? Date.parse(h.to) : to;
    const buckets = parseHistogram(h);
    const total = renderHistogram($('#histogram'), buckets, hFrom, hTo, h?.interval_ms ?? interval.ms, zoomTo);
    $('#legend').innerHTML = legendHtml(buckets);
    $('#histogram').dataset.total = String(total);
    const s = $('#summary');
    if (!s.dataset.stats) s.textContent = `${total.toLocaleString('en')} ${total === 1 ? 'event' : 'events'}` + (s.dataset.took ? ` · ${s.dataset.took} ms` : '');
  }).catch(e => {
    if (e.name !== 'AbortError') $('#histogram').innerHTML = `<div class="empty">Histogram unavailable: ${escapeHtml(e.message)}</div>`;
  });
  const fields = getJson('/api/v1/fields', { q: filterPart(q), ...tp }, signal).then(f => {
    renderFacets($('#facets'), parseFields(f), parseCoverage(f));
  }).catch(e => {
    if (e.name !== 'AbortError') $('#facets').innerHTML = `<div class="muted">${escapeHtml(e.message)}</div>`;
  });
  return Promise.all([histogram, fields]);
}

/** The zone times are shown in, on the zone button and in the time menu. */
function showZone() {
  const local = state.tz === 'local';
  $('#tz-button').textContent = local ? 'Local time' : 'UTC';
  $('#tz-button').title = local ? `Times are shown in ${zoneLabel()}; click to show UTC`
    : `Times are shown in UTC; click to show ${localZoneName()} time`;
  $('#tz-button').setAttribute('aria-pressed', String(local));
  $('#zone-name').textContent = zoneLabel();
  document.querySelectorAll('#time-menu [data-tz]').forEach(b => b.setAttribute('aria-pressed', String((b.dataset.tz === 'local') === local)));
  $('#tz-local').textContent = `Local (${localZoneName()})`;
}

function renderEvents(body) {
  const s = $('#summary');
  delete s.dataset.stats;
  s.dataset.took = body.took_ms ?? '';
  s.textContent = `${body.events.length}${body.cursor ? '+' : ''} events · ${body.took_ms ?? '?'} ms`;
  items = new Map();
  if (body.events.length === 0) {
    $('#results').innerHTML = '<div class="empty">No events match in this time range. Try a wider range or a simpler query.</div>';
    return;
  }
  $('#results').innerHTML = eventsTableHtml();
  appendRows(body.events.map(unwrapEvent), false);
  cursor = body.cursor ?? null;
  $('#more').hidden = !cursor;
}

let seq = 0;
function rowKey(item) {
  return item.id ?? 'row-' + (seq++);
}

function appendRows(list, atTop, fresh = false) {
  let tbody = $('#results tbody');
  if (!tbody || !$('#results table.events')) {
    $('#results').innerHTML = eventsTableHtml();
    tbody = $('#results tbody');
  }
  const html = list.map(item => {
    const key = rowKey(item);
    items.set(key, item);
    return eventRowHtml({ ...item, id: key }, fresh);
  }).join('');
  tbody.insertAdjacentHTML(atTop ? 'afterbegin' : 'beforeend', html);
}

async function loadMore() {
  if (!cursor) return;
  const tp = timeParams(state);
  try {
    const body = await getJson('/api/v1/search', { q: state.q || '*', ...tp, limit: PAGE, cursor });
    appendRows(body.events.map(unwrapEvent), false);
    cursor = body.cursor ?? null;
    $('#more').hidden = !cursor;
  } catch (e) {
    $('#more').textContent = 'Load more (failed: ' + e.message + ')';
  }
}

function zoomTo(fromMs, toMs) {
  state = { ...state, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  delete state.last;
  navigate();
}

function navigate(replace = false) {
  writeState(state, replace);
  render();
}

function render() {
  run();
  renderPanel();
}

// ---- panel: transaction or events around an event ----
async function renderPanel() {
  const panel = $('#panel');
  if (!state.trace && !state.ctx) { panel.hidden = true; return; }
  panel.hidden = false;
  const body = $('#panel-body');
  body.innerHTML = '<div class="empty">Loading…</div>';
  try {
    if (state.trace) {
      const field = state.field && state.field !== 'trace_id' ? state.field : null;
      $('#panel-title').textContent = `Transaction ${field ?? 'trace_id'}=${state.trace}`;
      const t = field ? await getJson('/api/v1/traces', { field, value: state.trace })
        : await getJson('/api/v1/traces/' + encodeURIComponent(state.trace));
      renderTrace(body, state.trace, t);
    } else {
      $('#panel-title').textContent = 'Events around';
      const c = await getJson('/api/v1/context/' + encodeURIComponent(state.ctx), { before: 20, after: 20 });
      renderContext(body, state.ctx, c);
    }
  } catch (e) {
    body.innerHTML = `<div class="empty">${escapeHtml(e.message)}</div>`;
  }
}

function closePanel() {
  delete state.trace; delete state.field; delete state.ctx;
  writeState(state);
  $('#panel').hidden = true;
}

// ---- live tail ----
function startTail() {
  tail?.close();
  paused = false;
  pausedBuffer = [];
  $('#live-status').hidden = false;
  $('#live-status').classList.remove('paused');
  $('#live-pause').textContent = 'Pause';
  $('#live-text').textContent = 'Live: connecting…';
  $('#live').setAttribute('aria-pressed', 'true');
  clearInterval(liveRefresh);
  liveDirty = false;
  liveRefresh = setInterval(() => {
    // New events moved the counts: the histogram and the fields follow the live view, not the moment Live began.
    if (liveDirty && !paused) { liveDirty = false; refreshSide(); }
  }, LIVE_REFRESH_MS);
  tail = openTail(filterPart(state.q), list => {
    liveDirty = true;
    if (paused) {
      pausedBuffer.push(...list);
      pausedBuffer = pausedBuffer.slice(-LIVE_MAX_ROWS);
      $('#live-text').textContent = `Paused · ${pausedBuffer.length} new`;
      return;
    }
    showLive(list);
  }, (type, data) => {
    $('#live-text').textContent = `Live · ${type}: ${data}`;
  }, s => {
    if (!paused) $('#live-text').textContent = s === 'open' ? 'Live: streaming new events' : `Live: ${s}`;
  });
}

function showLive(list) {
  if ($('#results table.stats')) return;
  $('#results .empty')?.remove();
  appendRows([...list].reverse(), true, true);
  const rows = document.querySelectorAll('#results tr.row');
  for (let i = LIVE_MAX_ROWS; i < rows.length; i++) rows[i].remove();
}

function stopTail() {
  tail?.close();
  tail = null;
  clearInterval(liveRefresh);
  liveRefresh = null;
  $('#live-status').hidden = true;
  $('#live').setAttribute('aria-pressed', 'false');
}

// ---- events ----
function wire() {
  $('#search-form').addEventListener('submit', ev => {
    ev.preventDefault();
    state = { ...state, q: $('#q').value.trim() };
    navigate();
  });
  document.addEventListener('keydown', ev => {
    const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLTextAreaElement;
    if (ev.key === '/' && !typing) { ev.preventDefault(); $('#q').focus(); $('#q').select(); }
    if (ev.key === 'Escape') {
      if (!$('#time-menu').hidden) { $('#time-menu').hidden = true; return; }
      if (!$('#panel').hidden) closePanel();
      else if (typing) ev.target.blur();
    }
  });
  $('#help-toggle').onclick = () => {
    const help = $('#help');
    help.hidden = !help.hidden;
    $('#help-toggle').setAttribute('aria-expanded', String(!help.hidden));
  };
  // Time picker.
  $('#time-button').onclick = () => {
    const menu = $('#time-menu');
    menu.hidden = !menu.hidden;
    $('#time-button').setAttribute('aria-expanded', String(!menu.hidden));
    $('#time-from').value = state.from ? formatInputTime(state.from) : '';
    $('#time-to').value = state.to ? formatInputTime(state.to) : '';
  };
  const chooseZone = tz => {
    // Typed times are read in the chosen zone: carry what is in the inputs over as the same instants.
    const typed = ['#time-from', '#time-to'].map(sel => parseUserTime($(sel).value));
    state = { ...state, tz: tz === 'local' ? 'local' : undefined };
    setZone(state.tz);
    ['#time-from', '#time-to'].forEach((sel, i) => { if (!Number.isNaN(typed[i])) $(sel).value = formatInputTime(typed[i]); });
    showZone();
  };
  document.querySelectorAll('#time-menu [data-tz]').forEach(b => b.onclick = () => chooseZone(b.dataset.tz));
  $('#tz-button').onclick = () => {
    chooseZone(state.tz === 'local' ? 'utc' : 'local');
    navigate();
  };
  document.querySelectorAll('#time-menu [data-last]').forEach(b => b.onclick = () => {
    state = { ...state, last: b.dataset.last };
    delete state.from; delete state.to;
    $('#time-menu').hidden = true;
    navigate();
  });
  $('#time-apply').onclick = () => {
    const from = $('#time-from').value.trim(), to = $('#time-to').value.trim();
    for (const [name, v] of [['From', from], ['To', to]]) {
      if (v && Number.isNaN(parseUserTime(v))) {
        showQueryError(new ApiError(400, `${name} is not a time: "${v}" (use 2026-11-22 10:00:00, read in ${zoneLabel()}, or add a zone: 2026-11-22T10:00:00Z)`, null), state.q || '');
        return;
      }
    }
    state = { ...state, from: from ? new Date(parseUserTime(from)).toISOString() : undefined, to: to ? new Date(parseUserTime(to)).toISOString() : undefined };
    if (state.from || state.to) delete state.last; else state.last = '1h';
    $('#time-menu').hidden = true;
    navigate();
  };
  document.addEventListener('click', ev => {
    if (!$('#time-menu').hidden && !ev.target.closest('.timepicker')) $('#time-menu').hidden = true;
  });
  // Click-to-filter, trace links, row expansion.
  const onValueClick = ev => {
    const op = ev.target.closest('button.op[data-op]');
    if (op) {
      ev.preventDefault();
      ev.stopPropagation();
      const clause = op.dataset.op === 'exclude' ? excludeClause(op.dataset.field, op.dataset.value)
        : fieldClause(op.dataset.field, op.dataset.value);
      state = { ...state, q: addClause(state.q, clause) };
      delete state.trace; delete state.ctx; delete state.field;
      navigate();
      return true;
    }
    const v = ev.target.closest('.value[data-field]');
    if (!v) return false;
    ev.preventDefault();
    ev.stopPropagation();
    if (v.dataset.trace) {
      state = { ...state, trace: v.dataset.value };
      delete state.field; delete state.ctx;
      writeState(state);
      renderPanel();
      return true;
    }
    state = { ...state, q: addClause(state.q, fieldClause(v.dataset.field, v.dataset.value)) };
    delete state.trace; delete state.ctx; delete state.field;
    navigate();
    return true;
  };
  $('#facets').addEventListener('click', onValueClick);
  $('#panel-body').addEventListener('click', onValueClick);
  $('#results').addEventListener('click', ev => {
    if (onValueClick(ev)) return;
    const action = ev.target.closest('button[data-action]');
    if (action) {
      if (action.dataset.action === 'trace') {
        state = { ...state, trace: action.dataset.value, field: action.dataset.field };
        if (!action.dataset.field) delete state.field;
        delete state.ctx;
      } else if (action.dataset.action === 'context') {
        state = { ...state, ctx: action.dataset.id };
        delete state.trace; delete state.field;
      } else {
        return;
      }
      writeState(state);
      renderPanel();
      return;
    }
    const tr = ev.target.closest('tr.row');
    if (tr && !window.getSelection()?.toString()) {
      const key = tr.dataset.id;
      const item = items.get(key);
      if (item) toggleDetail(tr, item);
    }
  });
  $('#more').onclick = loadMore;
  $('#panel-close').onclick = closePanel;
  $('#live').onclick = () => (tail ? stopTail() : startTail());
  $('#live-pause').onclick = () => {
    paused = !paused;
    $('#live-status').classList.toggle('paused', paused);
    $('#live-pause').textContent = paused ? 'Resume' : 'Pause';
    if (!paused) {
      showLive(pausedBuffer);
      pausedBuffer = [];
      $('#live-text').textContent = 'Live: streaming new events';
    } else {
      $('#live-text').textContent = 'Paused';
    }
  };
  window.addEventListener('popstate', () => { state = readState(); render(); });
  window.addEventListener('hashchange', () => { state = readState(); render(); });
  let resizeTimer;
  window.addEventListener('resize', () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(run, 250); });
}

wireAuth();
wire();
writeState(state, true);
render();
