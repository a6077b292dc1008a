// Results of stats/timechart queries: a table and a simple chart (bars for groups, lines over time).

import { escapeHtml, formatTime, toMillis, valueSpan } from './format.js';

const PALETTE = ['#2563eb', '#22a06b', '#f59e0b', '#e5484d', '#8b5cf6', '#0ea5e9', '#db2777', '#64748b'];

function isTimeColumn(name, rows, i) {
  return /^(_?time|ts|timestamp|bucket)$/i.test(name)
    || (rows.length > 0 && typeof rows[0][i] === 'string' && /^\d{4}-\d\d-\d\dT/.test(rows[0][i]));
}

export function renderStats(el, body) {
  const columns = body.columns.map(String);
  const rows = body.rows;
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every(r => r[i] === null || typeof r[i] === 'number'));
  const timeCol = columns.findIndex((c, i) => isTimeColumn(c, rows, i));
  const valueCol = numeric.lastIndexOf(true);
  let chart = '';
  if (rows.length > 0 && valueCol >= 0) {
    chart = timeCol >= 0 ? lineChart(columns, rows, timeCol, valueCol) : barChart(columns, rows, numeric, valueCol);
  }
  const head = columns.map((c, i) => `<th${numeric[i] ? ' class="num"' : ''}>${escapeHtml(c)}</th>`).join('');
  const body2 = rows.map(r => '<tr>' + r.map((v, i) => {
    if (v === null || v === undefined) return '<td></td>';
    if (numeric[i]) return `<td class="num">${escapeHtml(Number.isInteger(v) ? v : Number(v).toFixed(3))}</td>`;
    if (i === timeCol) return `<td class="mono">${escapeHtml(formatTime(v))}</td>`;
    return `<td>${valueSpan(columns[i], String(v))}</td>`;
  }).join('') + '</tr>').join('');
  el.innerHTML = `${chart ? `<div class="chart">${chart}</div>` : ''}
    <table class="stats"><thead><tr>${head}</tr></thead><tbody>${body2}</tbody></table>
    ${rows.length === 0 ? '<div class="empty">No rows.</div>' : ''}`;
}

function barChart(columns, rows, numeric, valueCol) {
  const shown = rows.slice(0, 30);
  const label = r => columns.map((c, i) => (numeric[i] ? null : r[i])).filter(v => v !== null && v !== undefined).join(' · ') || '(all)';
  const max = Math.max(...shown.map(r => Number(r[valueCol]) || 0), 1);
  const rowH = 20, W = 800, labelW = 220;
  const bars = shown.map((r, i) => {
    const w = ((Number(r[valueCol]) || 0) / max) * (W - labelW - 70);
    return `<text x="${labelW - 8}" y="${i * rowH + 14}" text-anchor="end">${escapeHtml(String(label(r)).slice(0, 34))}</text>
      <rect class="bar" x="${labelW}" y="${i * rowH + 3}" width="${Math.max(w, 1).toFixed(1)}" height="${rowH - 6}" rx="2"/>
      <text x="${labelW + w + 6}" y="${i * rowH + 14}">${escapeHtml(String(r[valueCol]))}</text>`;
  }).join('');
  return `<svg viewBox="0 0 ${W} ${shown.length * rowH + 4}" aria-label="${escapeHtml(columns[valueCol])} by group">${bars}</svg>`;
}

function lineChart(columns, rows, timeCol, valueCol) {
  const seriesCol = columns.findIndex((c, i) => i !== timeCol && i !== valueCol && rows.some(r => typeof r[i] === 'string'));
  const series = new Map();
  for (const r of rows) {
    const key = seriesCol >= 0 ? String(r[seriesCol]) : columns[valueCol];
    if (!series.has(key)) series.set(key, []);
    series.get(key).push([toMillis(r[timeCol]), Number(r[valueCol]) || 0]);
  }
  const all = [...series.values()].flat();
  const t0 = Math.min(...all.map(p => p[0])), t1 = Math.max(...all.map(p => p[0]));
  const max = Math.max(...all.map(p => p[1]), 1);
  const W = 800, H = 180, pad = 30;
  const x = t => pad + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (W - 2 * pad);
  const y = v => H - pad - (v / max) * (H - 2 * pad);
  let i = 0, lines = '', legend = '';
  for (const [name, pts] of series) {
    const color = PALETTE[i % PALETTE.length];
    pts.sort((a, b) => a[0] - b[0]);
    lines += `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map(p => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ')}"/>`;
    legend += `<text x="${pad + i * 110}" y="12" fill="${color}" style="fill:${color}">■ ${escapeHtml(name.slice(0, 14))}</text>`;
    i++;
  }
  const axis = `<text x="${pad}" y="${H - 8}">${escapeHtml(formatTime(t0))}</text>
    <text x="${W - pad}" y="${H - 8}" text-anchor="end">${escapeHtml(formatTime(t1))}</text>
    <text x="${pad - 4}" y="${y(max) + 4}" text-anchor="end">${max}</text>`;
  return `<svg viewBox="0 0 ${W} ${H}" aria-label="${escapeHtml(columns[valueCol])} over time">${legend}${lines}${axis}</svg>`;
}
