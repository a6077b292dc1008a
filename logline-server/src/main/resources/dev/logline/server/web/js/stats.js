// Results of stats/timechart queries: a table and a chart that shows every aggregate. Stats draw one bar column
// per aggregate, each on its own scale, with a row per group; timecharts draw one line per group and aggregate over
// the whole range, empty buckets filled. Levels keep the histogram's colours; every chart has a legend and a grid.

import { LEVELS, escapeHtml, formatTime, toMillis, valueSpan } from './format.js';
import { formatTick, timeTicks } from './histogram.js';

const PALETTE = ['#2563eb', '#8b5cf6', '#0ea5e9', '#db2777', '#64748b', '#14b8a6', '#a16207', '#4d7c0f'];
const NONE = '(none)';

function isTimeColumn(name, rows, i) {
  return /^(_?time|ts|timestamp|bucket)$/i.test(name)
    || (rows.length > 0 && typeof rows[0][i] === 'string' && /^\d{4}-\d\d-\d\dT/.test(rows[0][i]));
}

/**
 * The columns that are group keys: those the server names in `group_by` (so `by status` is a key even though its
 * values are numbers), or else the columns that are not all numbers.
 */
function keyColumns(columns, rows, body) {
  if (Array.isArray(body.group_by)) return columns.map((c, i) => body.group_by.includes(c) ? i : -1).filter(i => i >= 0);
  return columns.map((_, i) => i).filter(i => !rows.every(r => r[i] === null || typeof r[i] === 'number'));
}

/** A series' colour: a level's own (as in the histogram) when the series is a level, else the palette's. */
function colour(name, index) {
  const l = String(name).toUpperCase();
  return LEVELS.includes(l) ? `var(--${l.toLowerCase()})` : PALETTE[index % PALETTE.length];
}

function formatNumber(v) {
  if (v === null || v === undefined) return '';
  return Number.isInteger(v) ? v.toLocaleString('en') : Number(v).toFixed(Math.abs(v) < 10 ? 3 : 1);
}

/** Up to `count` round values from 0 to at least max (0, 50, 100 …). */
function niceTicks(max, count = 4) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
  const out = [];
  for (let v = 0; v < max + step / 2; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < max) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

function legendHtml(series) {
  return `<div class="series-legend">${series.map(s =>
    `<span class="key" data-series="${escapeHtml(s.name)}"><i style="background:${s.colour}"></i>${escapeHtml(s.name)}</span>`).join('')}</div>`;
}

/** Draws a stats/timechart answer: its charts and, unless `table` is false, the table of its rows. */
export function renderStats(el, body, { table = true } = {}) {
  const columns = body.columns.map(String);
  const rows = body.rows;
  const keys = keyColumns(columns, rows, body);
  const timeCol = columns.findIndex((c, i) => isTimeColumn(c, rows, i));
  const values = columns.map((_, i) => i).filter(i => !keys.includes(i) && i !== timeCol
    && rows.length > 0 && rows.every(r => r[i] === null || typeof r[i] === 'number'));
  let chart = '';
  if (rows.length > 0 && values.length > 0) {
    chart = timeCol >= 0 ? timeCharts(columns, rows, body, timeCol, keys.filter(k => k !== timeCol), values)
      : barChart(columns, rows, keys, values);
  }
  const head = columns.map((c, i) => `<th${values.includes(i) ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('');
  const body2 = rows.map(r => '<tr>' + r.map((v, i) => {
    if (v === null || v === undefined || v === '') {
      return keys.includes(i) ? `<td class="none muted" title="events without ${escapeHtml(columns[i])}">${NONE}</td>` : '<td></td>';
    }
    if (values.includes(i)) return `<td class="num">${escapeHtml(Number.isInteger(v) ? v : Number(v).toFixed(3))}</td>`;
    if (i === timeCol) return `<td class="mono">${escapeHtml(formatTime(v))}</td>`;
    // A group's value filters the query to that group, as in the sidebar.
    return keys.includes(i) ? `<td>${valueSpan(columns[i], String(v))}</td>` : `<td>${escapeHtml(String(v))}</td>`;
  }).join('') + '</tr>').join('');
  el.innerHTML = `${chart ? `<div class="chart">${chart}</div>` : ''}
    ${table ? `<table class="stats"><thead><tr>${head}</tr></thead><tbody>${body2}</tbody></table>` : ''}
    ${rows.length === 0 ? '<div class="empty">No rows.</div>' : ''}`;
}

/** The label of a row's group: its key values (numbers too), "(none)" for a missing one, "all events" without keys. */
function groupLabel(r, keys) {
  if (keys.length === 0) return 'all events';
  return keys.map(i => (r[i] === null || r[i] === undefined || r[i] === '' ? NONE : String(r[i]))).join(' · ');
}

/** One row per group, one bar column per aggregate, each column on its own scale with its own grid. */
function barChart(columns, rows, keys, values) {
  const shown = rows.slice(0, 30);
  const series = values.map((c, i) => ({ name: columns[c], colour: colour(columns[c], i), col: c }));
  const rowH = 22, top = 36, W = 900, labelW = 200, gap = 16;
  const colW = (W - labelW - gap * series.length) / series.length;
  const H = top + shown.length * rowH + 4;
  let svg = '';
  series.forEach((s, si) => {
    const x0 = labelW + si * (colW + gap);
    const ticks = niceTicks(Math.max(...shown.map(r => Number(r[s.col]) || 0), 0), 3);
    const max = ticks[ticks.length - 1] || 1;
    const plotW = colW - 56;
    svg += `<text class="series-title" x="${x0}" y="12" style="fill:${s.colour}">${escapeHtml(s.name)}</text>`;
    for (const t of ticks) {
      const gx = x0 + (t / max) * plotW;
      svg += `<line class="grid" x1="${gx.toFixed(1)}" x2="${gx.toFixed(1)}" y1="${top - 4}" y2="${H - 2}"/>`
        + `<text class="grid-label" x="${gx.toFixed(1)}" y="${top - 6}" text-anchor="middle">${escapeHtml(formatNumber(t))}</text>`;
    }
    shown.forEach((r, i) => {
      const v = r[s.col];
      const w = ((Number(v) || 0) / max) * plotW;
      svg += `<rect class="bar" data-series="${escapeHtml(s.name)}" data-row="${i}" x="${x0}" y="${top + i * rowH + 4}" width="${Math.max(w, v ? 1 : 0).toFixed(1)}" height="${rowH - 8}" rx="2" style="fill:${s.colour}"><title>${escapeHtml(groupLabel(r, keys))} · ${escapeHtml(s.name)}: ${escapeHtml(formatNumber(v))}</title></rect>`
        + `<text class="bar-value" x="${(x0 + w + 4).toFixed(1)}" y="${top + i * rowH + 15}">${escapeHtml(formatNumber(v))}</text>`;
    });
  });
  shown.forEach((r, i) => {
    svg += `<text class="group-label" x="${labelW - 10}" y="${top + i * rowH + 15}" text-anchor="end">${escapeHtml(groupLabel(r, keys).slice(0, 30))}</text>`;
  });
  const more = rows.length > shown.length ? `<div class="muted chart-note">Chart shows the first ${shown.length} of ${rows.length} rows; the table has them all.</div>` : '';
  return legendHtml(series) + `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(series.map(s => s.name).join(', '))} by group">${svg}</svg>` + more;
}

/** One chart per aggregate over the whole range, a line per group; buckets the rows lack are filled. */
function timeCharts(columns, rows, body, timeCol, keys, values) {
  const times = rows.map(r => toMillis(r[timeCol])).filter(t => !Number.isNaN(t));
  const step = Number(body.interval_ms) > 0 ? Number(body.interval_ms) : null;
  let from = body.from ? Date.parse(body.from) : Math.min(...times);
  let to = body.to ? Date.parse(body.to) : Math.max(...times);
  // Every bucket of the range: the server leaves empty ones out (docs/QUERY.md).
  let buckets = [...new Set(times)].sort((a, b) => a - b);
  if (step && (to - from) / step <= 5000) {
    buckets = [];
    for (let t = Math.floor(from / step) * step; t < to; t += step) buckets.push(t);
    from = buckets[0] ?? from;
    to = Math.max(to, from + step);
  }
  return values.map((c, vi) => {
    const name = columns[c];
    // Missing buckets hold no events: a count or sum there is 0; an average or percentile is unknown (a gap).
    const zero = /^(count|count_uniq|sum)(\(|$)/.test(name) ? 0 : null;
    const groups = new Map();
    for (const r of rows) {
      const g = keys.length ? groupLabel(r, keys) : name;
      if (!groups.has(g)) groups.set(g, new Map());
      groups.get(g).set(toMillis(r[timeCol]), r[c] === null ? null : Number(r[c]));
    }
    const series = [...groups.keys()].sort(levelOrder).map((g, i) => ({ name: g, colour: colour(g, i + vi), points: groups.get(g) }));
    return `<div class="timechart" data-aggregate="${escapeHtml(name)}"><div class="chart-title">${escapeHtml(name)}</div>`
      + legendHtml(series) + lineChart(series, buckets, from, to, step, zero) + '</div>';
  }).join('');
}

/** Levels in severity order, everything else by name. */
function levelOrder(a, b) {
  const ia = LEVELS.indexOf(String(a).toUpperCase()), ib = LEVELS.indexOf(String(b).toUpperCase());
  if (ia >= 0 && ib >= 0) return ia - ib;
  return String(a).localeCompare(String(b));
}

/** The x axis of time charts: round times in the shown zone; a missing bucket is a gap. */
const TIME_AXIS = {
  ticks: (from, to) => timeTicks(from, to, 7),
  label: (t, tickStep, span) => formatTick(t, tickStep, span),
  connectGaps: false,
};

/** The x axis of curves over steps (training metrics): round numbers; a step without a value is skipped, not a gap. */
const STEP_AXIS = {
  ticks: (from, to) => stepTicks(from, to, 7),
  label: t => String(Number(t.toPrecision(6))),
  connectGaps: true,
};

/** Up to about `count` round values in [from, to] (1, 2, 2.5 or 5 times a power of ten apart). */
function stepTicks(from, to, count) {
  const span = to - from;
  if (!(span > 0)) return [from];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
  const out = [];
  for (let v = Math.ceil(from / step) * step; v <= to + step / 1e9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function lineChart(series, buckets, from, to, step, zero, axis = TIME_AXIS) {
  const W = 900, H = 200, padL = 48, padR = 12, padT = 8, padB = 22;
  const plotW = W - padL - padR, plotH = H - padT - padB;
  const end = step ? to : Math.max(to, from + 1);
  const x = t => padL + ((t - from) / Math.max(end - from, 1)) * plotW;
  const all = series.flatMap(s => buckets.map(t => s.points.has(t) ? s.points.get(t) : zero)).filter(v => v !== null);
  const ticks = niceTicks(Math.max(0, ...all), 4);
  const max = ticks[ticks.length - 1] || 1;
  const y = v => padT + plotH - (v / max) * plotH;
  let grid = '';
  for (const t of ticks) {
    grid += `<line class="grid" x1="${padL}" x2="${W - padR}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/>`
      + `<text class="grid-label" x="${padL - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(formatNumber(t))}</text>`;
  }
  const xTicks = axis.ticks(from, end);
  const tickStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : end - from;
  for (const t of xTicks) {
    grid += `<line class="grid" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${padT}" y2="${padT + plotH}"/>`
      + `<text class="grid-label" x="${x(t).toFixed(1)}" y="${H - 6}" text-anchor="middle">${escapeHtml(axis.label(t, tickStep, end - from))}</text>`;
  }
  const half = step ? step / 2 : 0;
  const lines = series.map(s => {
    // A gap (null) ends a line segment: an unknown value is not drawn as a dip to zero.
    const segments = [[]];
    for (const t of buckets) {
      const v = s.points.has(t) ? s.points.get(t) : zero;
      if (v === null || v === undefined || Number.isNaN(v)) {
        if (!axis.connectGaps && segments[segments.length - 1].length) segments.push([]);
        continue;
      }
      segments[segments.length - 1].push(`${x(t + half).toFixed(1)},${y(v).toFixed(1)}`);
    }
    return segments.filter(p => p.length).map(p => p.length === 1
      ? `<circle class="series" data-series="${escapeHtml(s.name)}" cx="${p[0].split(',')[0]}" cy="${p[0].split(',')[1]}" r="2.5" style="fill:${s.colour}"/>`
      : `<polyline class="series" data-series="${escapeHtml(s.name)}" fill="none" stroke-width="2" points="${p.join(' ')}" style="stroke:${s.colour}"/>`).join('');
  }).join('');
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(series.map(s => s.name).join(', '))} over time">${grid}${lines}</svg>`;
}

// Dashboard panels (panelviews.js) draw with the same pieces, so colours, scales and labels match the search page.
export { barChart, colour, formatNumber, groupLabel, isTimeColumn, keyColumns, legendHtml, levelOrder, niceTicks };

/**
 * Curves over a numeric x (training steps): one chart per entry of `charts` ({title, series: [{name, points: Map
 * x → y, index?}]}), a line per series, coloured by its index when given, with the legend and grid of the time
 * charts. A series lacking a value at some x is drawn straight across it (a metric logged every tenth step is one
 * line, not scattered dots).
 */
export function renderCurves(el, charts, xLabel = 'step') {
  // One x range for every chart, so the curves of one run line up step for step.
  const all = charts.flatMap(c => c.series.flatMap(s => [...s.points.keys()]));
  const from = all.length ? Math.min(...all) : 0;
  const to = all.length ? Math.max(...all) : 1;
  el.innerHTML = '<div class="chart">' + charts.map(c => {
    const xs = [...new Set(c.series.flatMap(s => [...s.points.keys()]))].sort((a, b) => a - b);
    // A series keeps its colour in every chart: the same run is the same colour throughout.
    const series = c.series.map((s, i) => ({ name: s.name, colour: colour(s.name, s.index ?? i), points: s.points }));
    const chart = xs.length ? lineChart(series, xs, from, to === from ? from + 1 : to, null, null, STEP_AXIS)
      : '<div class="empty">No values.</div>';
    return `<div class="timechart curve" data-metric="${escapeHtml(c.title)}"><div class="chart-title">${escapeHtml(c.title)}`
      + ` <span class="muted">by ${escapeHtml(xLabel)}</span></div>${legendHtml(series)}${chart}</div>`;
  }).join('') + '</div>';
}
