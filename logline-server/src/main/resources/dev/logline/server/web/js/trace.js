// The transaction view: a waterfall with one lane per service (in order of first appearance), events and
// LogTrace steps as marks, errors in red, and the gap before each service takes over written on its lane.
// Order, start, end and offsets are the server's (docs/API.md, "Transactions"), so they equal `logline trace`'s.

import { unwrapEvent } from './api.js';
import { escapeHtml, formatMs, formatOffset, formatTime, jsonHtml, levelBadge, toMillis, zoneLabel } from './format.js';

/**
 * The events of a trace answer in the server's order, each {id, e, offset, endOffset}: `_offset_ms` (transaction
 * start to the event's start) and `_end_offset_ms` (to its end) as the server placed it.
 */
export function traceEvents(body) {
  let raw = Array.isArray(body?.events) ? body.events : [];
  if (raw.length === 0 && Array.isArray(body?.lanes)) raw = body.lanes.flatMap(l => l.events ?? []);
  return raw.map(r => ({ ...unwrapEvent(r), offset: r?._offset_ms, endOffset: r?._end_offset_ms }));
}

/**
 * Lays events out on the server's time axis: start and end in ms since the epoch from the transaction's start and
 * each event's offsets, lanes in order of first appearance. (An answer without offsets, from an older server, is
 * placed by the same rule: an event ends at its ts and starts duration_ms earlier.)
 */
export function layout(items, body = {}) {
  const placed = items.map(it => {
    const end = toMillis(it.e.ts);
    const dur = typeof it.e.duration_ms === 'number' && it.e.duration_ms > 0 ? it.e.duration_ms : 0;
    return { ...it, end, start: end - dur, error: isError(it.e) };
  }).filter(x => !Number.isNaN(x.end));
  const serverPlaced = placed.length > 0 && placed.every(p => typeof p.offset === 'number');
  const origin = serverPlaced && body.start_ts ? toMillis(body.start_ts) : Math.min(...placed.map(p => p.start));
  const evs = serverPlaced
    ? placed.map(p => ({ ...p, start: origin + p.offset, end: origin + (p.endOffset ?? p.offset) }))
    : placed.map(p => ({ ...p, offset: p.start - origin, endOffset: p.end - origin }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
  const lanes = [];
  const byService = new Map();
  for (const ev of evs) {
    const svc = ev.e.service ?? '(no service)';
    if (!byService.has(svc)) {
      const lane = { service: svc, events: [], first: ev.start, last: ev.end, errors: 0 };
      byService.set(svc, lane);
      lanes.push(lane);
    }
    const lane = byService.get(svc);
    lane.events.push(ev);
    lane.first = Math.min(lane.first, ev.start);
    lane.last = Math.max(lane.last, ev.end);
    if (ev.error) lane.errors++;
  }
  const t0 = evs.length ? origin : 0;
  const t1 = evs.length ? (serverPlaced && typeof body.duration_ms === 'number' ? origin + body.duration_ms
    : Math.max(...evs.map(e => e.end))) : 0;
  for (const lane of lanes) {
    // The hand-over gap: from the latest activity of other services before this lane began, to its start.
    const before = evs.filter(e => (e.e.service ?? '(no service)') !== lane.service && e.end <= lane.first);
    lane.gap = before.length ? lane.first - Math.max(...before.map(e => e.end)) : null;
  }
  return { events: evs, lanes, t0, t1 };
}

function isError(e) {
  const l = String(e.level ?? '').toUpperCase();
  return !!e.error || l === 'ERROR' || l === 'FATAL';
}

export function renderTrace(el, title, body, onSelect) {
  const items = traceEvents(body);
  if (items.length === 0) {
    el.innerHTML = `<div class="empty">No events for ${escapeHtml(title)} in the stored range.</div>`;
    return;
  }
  const L = layout(items, body);
  const span = Math.max(L.t1 - L.t0, 0.001);
  const pct = t => (((t - L.t0) / span) * 100).toFixed(3) + '%';
  const errors = L.events.filter(e => e.error).length;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => `<span style="left:${f * 100}%">${formatMs(f * span)}</span>`).join('');
  const lanes = L.lanes.map(lane => {
    const marks = lane.events.map(ev => {
      const idx = L.events.indexOf(ev);
      const steps = Array.isArray(ev.e.steps) ? ev.e.steps.map(s => {
        const t = ev.start + (Number(s.t_ms) || 0);
        return `<span class="mark step" style="left:${pct(t)}" title="${escapeHtml(`${formatMs(Number(s.t_ms) || 0)} ${s.msg ?? ''}${s.line ? ' (line ' + s.line + ')' : ''}`)}"></span>`;
      }).join('') : '';
      const dur = ev.end > ev.start ? `<span class="duration-bar" style="left:${pct(ev.start)};width:calc(${pct(ev.end)} - ${pct(ev.start)})"></span>` : '';
      return `${dur}${steps}<span class="mark${ev.error ? ' error' : ''}" data-index="${idx}" style="left:${pct(ev.start)}" title="${escapeHtml(`+${formatOffset(ev.offset)} ${ev.e.level ?? ''} ${ev.e.msg ?? ''}`)}"></span>`;
    }).join('');
    const gap = lane.gap !== null && lane.gap > 0
      ? `<span class="gap-note${(lane.first - L.t0) / span > 0.6 ? ' end' : ''}" style="left:${pct(lane.first)}">↳ +${formatMs(lane.gap)} after previous service</span>` : '';
    return `<div class="lane" data-service="${escapeHtml(lane.service)}">
      <div class="lane-name" title="${escapeHtml(lane.service)}">${escapeHtml(lane.service)}
        <span class="count">${lane.events.length} ${lane.events.length === 1 ? 'event' : 'events'}${lane.errors ? ` · <b style="color:var(--error)">${lane.errors} errors</b>` : ''}</span></div>
      <div class="lane-track"><span class="lane-span" style="left:${pct(lane.first)};width:calc(${pct(lane.last)} - ${pct(lane.first)})"></span>${gap}${marks}</div></div>`;
  }).join('');
  const list = L.events.map((ev, i) => {
    const steps = Array.isArray(ev.e.steps) ? ev.e.steps.map(s =>
      `<div class="trace-step">· ${formatMs(Number(s.t_ms) || 0)} ${escapeHtml(s.msg ?? '')}${s.line ? ` <span class="muted">line ${s.line}</span>` : ''}</div>`).join('') : '';
    const err = ev.e.error ? ` <b style="color:var(--error)">${escapeHtml(ev.e.error.type ?? 'error')}${ev.e.error.message ? ': ' + escapeHtml(ev.e.error.message) : ''}</b>` : '';
    const dur = typeof ev.e.duration_ms === 'number' ? ` <span class="muted">(${formatMs(ev.e.duration_ms)})</span>` : '';
    return `<div class="trace-event${ev.error ? ' error' : ''}" data-index="${i}" data-offset-ms="${ev.offset}">
      <span class="off" title="from the transaction's start to this event's start">+${formatOffset(ev.offset)}</span><span class="svc">${escapeHtml(ev.e.service ?? '')}</span>
      <span>${levelBadge(ev.e.level)}</span><span>${escapeHtml(ev.e.msg ?? '')}${dur}${err}</span>${steps}</div>`;
  }).join('');
  el.innerHTML = `<div class="trace-summary">
      <span><b>${L.lanes.length}</b> services</span><span><b>${L.events.length}</b> events</span>
      <span><b style="${errors ? 'color:var(--error)' : ''}">${errors}</b> errors</span>
      <span>duration <b class="trace-duration">${formatOffset(L.t1 - L.t0)}</b></span><span>started <b>${escapeHtml(formatTime(L.t0))}</b> ${escapeHtml(zoneLabel(L.t0))}</span></div>
    <div class="time-axis"><span></span><div class="ticks">${ticks}</div></div>
    <div class="waterfall">${lanes}</div>
    <div class="trace-events">${list}</div>
    <div id="trace-detail"></div>`;
  const detail = el.querySelector('#trace-detail');
  el.querySelectorAll('.mark[data-index], .trace-event').forEach(m => {
    m.addEventListener('click', () => {
      const ev = L.events[Number(m.dataset.index)];
      el.querySelectorAll('.mark.selected').forEach(s => s.classList.remove('selected'));
      el.querySelector(`.mark[data-index="${m.dataset.index}"]`)?.classList.add('selected');
      detail.innerHTML = `<h3>${escapeHtml(ev.e.service ?? '')} · ${escapeHtml(formatTime(ev.e.ts))}</h3><pre class="json">${jsonHtml(ev.e)}</pre>`;
      onSelect?.(ev);
    });
  });
}
