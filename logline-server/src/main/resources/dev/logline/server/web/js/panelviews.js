// The views of a dashboard panel, drawn from the answer /api/v1/search gives its query: timechart (lines or
// stacked bars), stats bars, a single value with a threshold colour and a sparkline, a table, a pie for few groups
// and a stream of events. Colours, scales, legends and labels come from stats.js and histogram.js, so a panel
// looks like the same query on the search page (levels in the histogram's colours).

import { escapeHtml, formatTime, levelBadge, toMillis } from './format.js';
import { formatTick, timeTicks } from './histogram.js';
import { barChart, colour, formatNumber, groupLabel, isTimeColumn, keyColumns, legendHtml, levelOrder, niceTicks } from './stats.js';

const PIE_SLICES = 7;
/** Threshold colour names a board may use (validated by the server too); anything else must be #rgb/#rrggbb. */
const NAMED = { green: 'var(--info)', amber: 'var(--warn)', red: 'var(--error)', blue: 'var(--accent)', grey: 'var(--muted)', purple: '#8b5cf6' };

/** A threshold colour as CSS, or null for a value that is not one. */
export function thresholdColour(name) {
  if (NAMED[name]) return NAMED[name];
  return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(name || '') ? name : null;
}

/** The colour of the highest threshold at or below the value (thresholds in any order), or null. */
export function colourFor(value, thresholds = []) {
  let best = null;
  for (const t of [...thresholds].sort((a, b) => a.value - b.value)) {
    if (value >= t.value) best = thresholdColour(t.colour);
  }
  return best;
}

/** The shape of a table answer: which columns are groups, which the time, which aggregates. */
function shape(body) {
  const columns = body.columns.map(String);
  const rows = body.rows;
  const keys = keyColumns(columns, rows, body);
  const timeCol = columns.findIndex((c, i) => isTimeColumn(c, rows, i));
  const groups = keys.filter(k => k !== timeCol);
  const values = columns.map((_, i) => i).filter(i => !keys.includes(i) && i !== timeCol);
  return { columns, rows, keys, timeCol, groups, values };
}

/** The field filters that select a row's group: [[field, value], …] (a missing value selects nothing). */
function groupFilter(s, row) {
  return s.groups.filter(k => row[k] !== null && row[k] !== undefined && row[k] !== '').map(k => [s.columns[k], String(row[k])]);
}

/** Buckets over the answer's whole range (the server leaves empty ones out), and the range. */
function bucketsOf(body, s) {
  const times = s.rows.map(r => toMillis(r[s.timeCol])).filter(t => !Number.isNaN(t));
  const step = Number(body.interval_ms) > 0 ? Number(body.interval_ms) : null;
  let from = body.from ? Date.parse(body.from) : Math.min(...times);
  let to = body.to ? Date.parse(body.to) : Math.max(...times);
  let buckets = [...new Set(times)].sort((a, b) => a - b);
  if (step && (to - from) / step <= 5000) {
    buckets = [];
    for (let t = Math.floor(from / step) * step; t < to; t += step) buckets.push(t);
    from = buckets[0] ?? from;
    to = Math.max(to, from + step);
  }
  return { buckets, from, to, step };
}

/**
 * A timechart answer as series: one per group of the first aggregate, or one per aggregate when there are no
 * groups. Each carries the filter that selects it, for drill-down.
 */
export function timeSeries(body) {
  const s = shape(body);
  const frame = bucketsOf(body, s);
  const perAggregate = s.groups.length === 0 && s.values.length > 1;
  const cols = perAggregate ? s.values : s.values.slice(0, 1);
  const name = s.columns[cols[0]] ?? '';
  // Missing buckets hold no events: a count or sum there is 0; an average or percentile is unknown (a gap).
  const zero = /^(count|count_uniq|sum)(\(|$)/.test(name) ? 0 : null;
  const groups = new Map();
  for (const r of s.rows) {
    for (const c of cols) {
      const label = perAggregate ? s.columns[c] : s.groups.length ? groupLabel(r, s.groups) : s.columns[c];
      if (!groups.has(label)) groups.set(label, { points: new Map(), filter: perAggregate ? [] : groupFilter(s, r) });
      groups.get(label).points.set(toMillis(r[s.timeCol]), r[c] === null ? null : Number(r[c]));
    }
  }
  const series = [...groups.keys()].sort(levelOrder).map((g, i) => ({ name: g, colour: colour(g, i), ...groups.get(g) }));
  return { series, zero, aggregate: name, ...frame };
}

function valueAt(series, t, zero) {
  const v = series.points.has(t) ? series.points.get(t) : zero;
  return v === undefined || Number.isNaN(v) ? null : v;
}

/** Lines, or bars stacked per bucket, sized to the panel, with a value grid and round time ticks. */
function timeSvg(ts, stacked, W, H) {
  const { series, buckets, from, step, zero } = ts;
  const end = step ? ts.to : Math.max(ts.to, from + 1);
  const padL = 44, padR = 8, padT = 6, padB = 20;
  const plotW = W - padL - padR, plotH = H - padT - padB;
  const x = t => padL + ((t - from) / Math.max(end - from, 1)) * plotW;
  const totals = buckets.map(t => series.reduce((a, s) => a + (valueAt(s, t, zero) ?? 0), 0));
  const all = stacked ? totals : series.flatMap(s => buckets.map(t => valueAt(s, t, zero))).filter(v => v !== null);
  const ticks = niceTicks(Math.max(0, ...all), 4);
  const max = ticks[ticks.length - 1] || 1;
  const y = v => padT + plotH - (v / max) * plotH;
  let grid = '';
  for (const t of ticks) {
    grid += `<line class="grid" x1="${padL}" x2="${W - padR}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/>`
      + `<text class="grid-label" x="${padL - 5}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(formatNumber(t))}</text>`;
  }
  const xTicks = timeTicks(from, end, Math.max(2, Math.floor(plotW / 90)));
  const tickStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : end - from;
  for (const t of xTicks) {
    const anchor = x(t) - padL < 20 ? 'start' : W - padR - x(t) < 20 ? 'end' : 'middle';
    grid += `<text class="grid-label" x="${x(t).toFixed(1)}" y="${H - 5}" text-anchor="${anchor}">${escapeHtml(formatTick(t, tickStep, end - from))}</text>`;
  }
  let marks = '';
  if (stacked) {
    const width = Math.max(1, (step ? (step / Math.max(end - from, 1)) * plotW : plotW / Math.max(buckets.length, 1)) * 0.85);
    buckets.forEach(t => {
      let base = 0;
      for (const s of series) {
        const v = valueAt(s, t, zero) ?? 0;
        if (v <= 0) continue;
        marks += `<rect class="bar" data-series="${escapeHtml(s.name)}" x="${x(t).toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${width.toFixed(1)}" height="${(y(base) - y(base + v)).toFixed(1)}" style="fill:${s.colour}"><title>${escapeHtml(s.name)}: ${escapeHtml(formatNumber(v))} at ${escapeHtml(formatTime(t))}</title></rect>`;
        base += v;
      }
    });
  } else {
    const half = step ? step / 2 : 0;
    for (const s of series) {
      const segments = [[]];
      for (const t of buckets) {
        const v = valueAt(s, t, zero);
        if (v === null) { if (segments[segments.length - 1].length) segments.push([]); continue; }
        segments[segments.length - 1].push(`${x(t + half).toFixed(1)},${y(v).toFixed(1)}`);
      }
      for (const p of segments.filter(seg => seg.length)) {
        marks += p.length === 1
          ? `<circle class="series" data-series="${escapeHtml(s.name)}" cx="${p[0].split(',')[0]}" cy="${p[0].split(',')[1]}" r="2.5" style="fill:${s.colour}"/>`
          : `<polyline class="series" data-series="${escapeHtml(s.name)}" fill="none" stroke-width="2" points="${p.join(' ')}" style="stroke:${s.colour}"/>`;
      }
    }
  }
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(series.map(s => s.name).join(', '))} over time">${grid}${marks}</svg>`;
}

/** What a panel needs to draw into its body: its size, options, and where a click drills down to. */
function size(el) {
  return { W: Math.max(160, Math.floor(el.clientWidth)), H: Math.max(60, Math.floor(el.clientHeight)) };
}

function renderTimechart(el, body, options, drill) {
  const ts = timeSeries(body);
  if (ts.series.length === 0) { el.innerHTML = '<div class="empty">No events in this range.</div>'; return; }
  el.innerHTML = `<div class="panel-chart chart">${legendHtml(ts.series)}<div class="plot"></div></div>`;
  const plot = el.querySelector('.plot');
  const { W, H } = size(plot);
  plot.innerHTML = timeSvg(ts, !!options.stacked, W, H);
  el.onclick = ev => {
    const mark = ev.target.closest('[data-series]');
    const s = mark && ts.series.find(x => x.name === mark.dataset.series);
    if (s) drill(s.filter);
  };
}

function renderBars(el, body, options, drill) {
  const s = shape(body);
  if (s.rows.length === 0 || s.values.length === 0) { el.innerHTML = '<div class="empty">No rows.</div>'; return; }
  el.innerHTML = `<div class="panel-chart chart">${barChart(s.columns, s.rows, s.keys, s.values)}</div>`;
  el.onclick = ev => {
    const bar = ev.target.closest('[data-row]');
    if (bar) drill(groupFilter(s, s.rows[Number(bar.dataset.row)]));
  };
}

/** The single value of an answer: the first aggregate, reduced over a timechart's buckets, and its sparkline. */
export function singleValue(body, reduce) {
  const s = shape(body);
  if (s.timeCol < 0) {
    const v = s.rows.length ? s.rows[0][s.values[0]] : null;
    return { value: v === null || v === undefined ? null : Number(v), points: [], aggregate: s.columns[s.values[0]] };
  }
  const ts = timeSeries(body);
  const points = ts.buckets.map(t => ts.series.reduce((a, x) => {
    const v = valueAt(x, t, ts.zero);
    return v === null ? a : (a ?? 0) + v;
  }, null));
  const known = points.filter(v => v !== null);
  const how = reduce || (ts.zero === 0 ? 'sum' : 'last');
  const value = known.length === 0 ? null : how === 'sum' ? known.reduce((a, b) => a + b, 0)
    : how === 'avg' ? known.reduce((a, b) => a + b, 0) / known.length
      : how === 'max' ? Math.max(...known) : how === 'min' ? Math.min(...known) : known[known.length - 1];
  return { value, points, aggregate: ts.aggregate, reduce: how };
}

function renderSingle(el, body, options) {
  const { value, points, aggregate, reduce } = singleValue(body, options.reduce);
  const tint = value === null ? null : colourFor(value, options.thresholds);
  const text = value === null ? '–' : formatNumber(Number.isInteger(value) ? value : Math.round(value * 100) / 100);
  el.innerHTML = `<div class="single"><div class="single-value" data-value="${value ?? ''}"${tint ? ` style="color:${tint}"` : ''}>${escapeHtml(text)}<span class="unit">${escapeHtml(options.unit ?? '')}</span></div>
    <div class="single-note muted">${escapeHtml(aggregate ?? '')}${reduce ? ` · ${escapeHtml(reduce)} over the range` : ''}</div><div class="spark"></div></div>`;
  const known = points.filter(v => v !== null);
  if (known.length > 1) {
    const spark = el.querySelector('.spark');
    const { W, H } = size(spark);
    const max = Math.max(...known, 0) || 1;
    const pts = points.map((v, i) => v === null ? null : `${((i / (points.length - 1)) * W).toFixed(1)},${(H - 2 - (v / max) * (H - 4)).toFixed(1)}`).filter(Boolean);
    spark.innerHTML = `<svg class="sparkline" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><polyline fill="none" stroke-width="1.5" points="${pts.join(' ')}" style="stroke:${tint ?? 'var(--accent)'}"/></svg>`;
  }
}

function renderTable(el, body, drill) {
  if (!Array.isArray(body.columns)) { renderEvents(el, body.events ?? []); return; }
  const s = shape(body);
  const head = s.columns.map((c, i) => `<th${s.values.includes(i) ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('');
  const rows = s.rows.map((r, ri) => `<tr data-row="${ri}">` + r.map((v, i) => {
    if (v === null || v === undefined) return '<td></td>';
    if (i === s.timeCol) return `<td class="mono">${escapeHtml(formatTime(v))}</td>`;
    return `<td${s.values.includes(i) ? ' class="num"' : ''}>${escapeHtml(s.values.includes(i) ? formatNumber(v) : String(v))}</td>`;
  }).join('') + '</tr>').join('');
  el.innerHTML = `<div class="panel-table"><table class="stats"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
    + (s.rows.length === 0 ? '<div class="empty">No rows.</div>' : '');
  el.onclick = ev => {
    const tr = ev.target.closest('tr[data-row]');
    if (tr) drill(groupFilter(s, s.rows[Number(tr.dataset.row)]));
  };
}

function renderPie(el, body, drill) {
  const s = shape(body);
  const v = s.values[0];
  const sorted = s.rows.map((r, i) => ({ r, i, n: Number(r[v]) || 0 })).filter(x => x.n > 0).sort((a, b) => b.n - a.n);
  if (sorted.length === 0) { el.innerHTML = '<div class="empty">No rows.</div>'; return; }
  const slices = sorted.slice(0, PIE_SLICES).map((x, k) => ({ name: groupLabel(x.r, s.groups), n: x.n, row: x.i, colour: colour(groupLabel(x.r, s.groups), k) }));
  const rest = sorted.slice(PIE_SLICES).reduce((a, x) => a + x.n, 0);
  if (rest > 0) slices.push({ name: `${sorted.length - PIE_SLICES} others`, n: rest, row: -1, colour: 'var(--muted)' });
  const total = slices.reduce((a, x) => a + x.n, 0);
  el.innerHTML = `<div class="panel-chart chart pie">${legendHtml(slices.map(x => ({ ...x, name: `${x.name} (${formatNumber(x.n)})` })))}<div class="plot"></div></div>`;
  const plot = el.querySelector('.plot');
  const { W, H } = size(plot);
  const r = Math.max(10, Math.min(W, H) / 2 - 4), cx = W / 2, cy = H / 2;
  let angle = -Math.PI / 2, paths = '';
  for (const x of slices) {
    const a = (x.n / total) * Math.PI * 2;
    const title = `<title>${escapeHtml(x.name)}: ${escapeHtml(formatNumber(x.n))} (${((x.n / total) * 100).toFixed(1)}%)</title>`;
    if (slices.length === 1) {
      paths += `<circle class="slice" data-row="${x.row}" cx="${cx}" cy="${cy}" r="${r}" style="fill:${x.colour}">${title}</circle>`;
    } else {
      const p = t => `${(cx + r * Math.cos(t)).toFixed(1)},${(cy + r * Math.sin(t)).toFixed(1)}`;
      paths += `<path class="slice" data-row="${x.row}" d="M${cx},${cy} L${p(angle)} A${r},${r} 0 ${a > Math.PI ? 1 : 0} 1 ${p(angle + a)} Z" style="fill:${x.colour}">${title}</path>`;
    }
    angle += a;
  }
  plot.innerHTML = `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="share by ${escapeHtml(s.groups.map(k => s.columns[k]).join(', '))}">${paths}</svg>`;
  el.onclick = ev => {
    const slice = ev.target.closest('[data-row]');
    if (slice && Number(slice.dataset.row) >= 0) drill(groupFilter(s, s.rows[Number(slice.dataset.row)]));
  };
}

/** Events newest first: time, level, service, message. */
export function eventLinesHtml(events) {
  return events.map(e => `<div class="log-line"><span class="time mono">${escapeHtml(formatTime(e.ts))}</span>${e.level ? levelBadge(e.level) : ''}<span class="service">${escapeHtml(e.service ?? '')}</span><span class="msg">${escapeHtml(e.msg ?? '')}</span></div>`).join('');
}

function renderEvents(el, events) {
  el.innerHTML = `<div class="log-stream">${events.length ? eventLinesHtml(events) : '<div class="empty">No events yet; new ones appear here as they arrive.</div>'}</div>`;
}

/**
 * Draws a panel's answer into `el`. `drill(filters)` is called with [[field, value], …] when a bar, slice, row or
 * series is clicked.
 */
export function renderPanelView(el, view, options, body, drill) {
  el.onclick = null;
  switch (view) {
    case 'timechart': return renderTimechart(el, body, options, drill);
    case 'bars': return renderBars(el, body, options, drill);
    case 'single': return renderSingle(el, body, options);
    case 'pie': return renderPie(el, body, drill);
    case 'logs': return renderEvents(el, body.events ?? []);
    default: return renderTable(el, body, drill);
  }
}
