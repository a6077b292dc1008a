// The histogram: events per time bucket stacked by level, in SVG, with click-drag to zoom into a range.

import { LEVELS, escapeHtml, formatShortTime, formatTime, toMillis, zoneOffsetMinutes } from './format.js';

/** A tick's text: the date too over days, seconds only when the ticks are seconds apart. */
export function formatTick(t, stepMs, spanMs) {
  if (spanMs > 2 * 86400e3) return formatShortTime(t, spanMs);
  return formatShortTime(t, stepMs >= 60e3 ? 2 * 3600e3 : 0);
}

const STEPS = [1e3, 5e3, 10e3, 30e3, 60e3, 5 * 60e3, 10 * 60e3, 30 * 60e3, 3600e3, 3 * 3600e3, 6 * 3600e3,
  12 * 3600e3, 86400e3, 7 * 86400e3];

/** The interval giving about 60 bars over the span, as the API's interval text ("30s", "5m", "1h", "1d"). */
export function chooseInterval(spanMs) {
  const step = STEPS.find(s => spanMs / s <= 80) || STEPS[STEPS.length - 1];
  const text = step % 86400e3 === 0 ? step / 86400e3 + 'd' : step % 3600e3 === 0 ? step / 3600e3 + 'h'
    : step % 60e3 === 0 ? step / 60e3 + 'm' : step / 1e3 + 's';
  return { ms: step, text };
}

function levelKey(k) {
  const u = String(k).toUpperCase();
  return LEVELS.includes(u) ? u : 'OTHER';
}

/**
 * Reads the API's histogram answer into [{t: ms, counts: {LEVEL: n}}]. Accepts buckets
 * ({ts|time|start|key, counts|levels|by_level or level keys, count}) or a columns/rows table
 * (time, level, count — or one column per level).
 */
export function parseHistogram(body) {
  const out = [];
  if (!body) return out;
  const buckets = Array.isArray(body) ? body : body.buckets;
  if (Array.isArray(buckets)) {
    for (const b of buckets) {
      const t = toMillis(b.ts ?? b.time ?? b.start ?? b.key ?? b.t ?? b._time);
      const counts = {};
      const src = b.counts ?? b.levels ?? b.by_level ?? b.byLevel;
      if (src && typeof src === 'object') {
        for (const [k, v] of Object.entries(src)) counts[levelKey(k)] = (counts[levelKey(k)] || 0) + Number(v);
      } else {
        for (const [k, v] of Object.entries(b)) {
          if (LEVELS.includes(k.toUpperCase()) && typeof v === 'number') counts[k.toUpperCase()] = v;
        }
        if (Object.keys(counts).length === 0 && typeof b.count === 'number') counts.OTHER = b.count;
      }
      if (!Number.isNaN(t)) out.push({ t, counts });
    }
    return out;
  }
  if (Array.isArray(body.columns) && Array.isArray(body.rows)) {
    const cols = body.columns.map(c => String(c));
    const levelCol = cols.findIndex(c => c.toLowerCase() === 'level');
    const byTime = new Map();
    for (const row of body.rows) {
      const t = toMillis(row[0]);
      if (Number.isNaN(t)) continue;
      const counts = byTime.get(t) || {};
      if (levelCol >= 0) {
        const n = Number(row[row.length - 1 === levelCol ? row.length - 2 : row.length - 1]) || 0;
        const k = levelKey(row[levelCol]);
        counts[k] = (counts[k] || 0) + n;
      } else {
        cols.forEach((c, i) => {
          if (i > 0 && typeof row[i] === 'number') {
            const k = LEVELS.includes(c.toUpperCase()) ? c.toUpperCase() : 'OTHER';
            counts[k] = (counts[k] || 0) + row[i];
          }
        });
      }
      byTime.set(t, counts);
    }
    for (const [t, counts] of [...byTime.entries()].sort((a, b) => a[0] - b[0])) out.push({ t, counts });
  }
  return out;
}

/**
 * Draws buckets into `el` over [fromMs, toMs]; a drag calls onZoom(fromMs, toMs).
 * Returns the total count drawn.
 */
export function renderHistogram(el, buckets, fromMs, toMs, intervalMs, onZoom) {
  const W = Math.max(el.clientWidth, 300), H = Math.max(el.clientHeight, 80);
  const padL = 38, padB = 18, padT = 4, plotW = W - padL - 4, plotH = H - padB - padT;
  const span = Math.max(toMs - fromMs, 1);
  const x = t => padL + ((t - fromMs) / span) * plotW;
  let max = 0, total = 0;
  for (const b of buckets) {
    const sum = Object.values(b.counts).reduce((a, c) => a + c, 0);
    max = Math.max(max, sum);
    total += sum;
  }
  const y = n => (max === 0 ? 0 : (n / max) * plotH);
  const barW = Math.max(1, (intervalMs / span) * plotW - 1);
  let bars = '';
  for (const b of buckets) {
    let acc = 0;
    const bx = x(b.t);
    if (bx + barW < padL || bx > padL + plotW) continue;
    for (const lvl of [...LEVELS, 'OTHER']) {
      const n = b.counts[lvl];
      if (!n) continue;
      const h = y(n);
      acc += h;
      bars += `<rect class="lvl-${lvl}" x="${bx.toFixed(1)}" y="${(padT + plotH - acc).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" data-t="${b.t}"><title>${escapeHtml(formatTime(b.t))} ${lvl}: ${n}</title></rect>`;
    }
  }
  let axis = `<line x1="${padL}" x2="${padL + plotW}" y1="${padT + plotH}" y2="${padT + plotH}"/>`;
  const ticks = timeTicks(fromMs, toMs, 7);
  const tickStep = ticks.length > 1 ? ticks[1] - ticks[0] : span;
  for (const t of ticks) {
    const tx = x(t);
    const anchor = tx - padL < 30 ? 'start' : padL + plotW - tx < 30 ? 'end' : 'middle';
    axis += `<line class="tick" x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${padT + plotH}" y2="${padT + plotH + 3}"/>`
      + `<text class="tick-label" x="${tx.toFixed(1)}" y="${H - 4}" text-anchor="${anchor}">${formatTick(t, tickStep, span)}</text>`;
  }
  axis += `<text x="${padL - 6}" y="${padT + 10}" text-anchor="end">${max}</text><text x="${padL - 6}" y="${padT + plotH}" text-anchor="end">0</text>`;
  el.innerHTML = `<svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img" aria-label="Events over time by level">
    <g class="axis">${axis}</g><g class="bars">${bars}</g>
    <rect class="selection" x="0" y="${padT}" width="0" height="${plotH}" visibility="hidden"/></svg>`;
  const svg = el.querySelector('svg');
  const sel = svg.querySelector('.selection');
  const toSvgX = ev => {
    const r = svg.getBoundingClientRect();
    return Math.min(padL + plotW, Math.max(padL, ((ev.clientX - r.left) / r.width) * W));
  };
  const timeAt = sx => fromMs + ((sx - padL) / plotW) * span;
  svg.onmousedown = down => {
    down.preventDefault();
    const x0 = toSvgX(down);
    const move = ev => {
      const x1 = toSvgX(ev);
      sel.setAttribute('x', Math.min(x0, x1));
      sel.setAttribute('width', Math.abs(x1 - x0));
      sel.setAttribute('visibility', 'visible');
    };
    const up = ev => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      sel.setAttribute('visibility', 'hidden');
      const x1 = toSvgX(ev);
      // A click (or a tiny drag) is not a zoom: ranges under 4 px would be noise.
      if (Math.abs(x1 - x0) < 4) return;
      onZoom(Math.floor(timeAt(Math.min(x0, x1))), Math.ceil(timeAt(Math.max(x0, x1))));
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };
  return total;
}

/** The legend of the levels that occur in the buckets (none for an empty range), in severity order. */
export function legendHtml(buckets = []) {
  const present = new Set(buckets.flatMap(b => Object.keys(b.counts).filter(k => b.counts[k] > 0)));
  return [...LEVELS, 'OTHER'].filter(l => present.has(l))
    .map(l => `<span data-level="${l}"><i class="lvl-${l}"></i>${l === 'OTHER' ? 'other' : l}</span>`).join('');
}

/** Round steps for time axes: ticks fall on whole seconds, minutes, hours or days of the shown zone. */
const TICK_STEPS = [1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 2 * 60e3, 5 * 60e3, 10 * 60e3, 15 * 60e3, 30 * 60e3,
  3600e3, 2 * 3600e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3, 86400e3, 2 * 86400e3, 7 * 86400e3, 14 * 86400e3,
  30 * 86400e3, 91 * 86400e3, 365 * 86400e3];

/** At most `max` tick times in [fromMs, toMs], each on a round step in the shown zone (10:05, not 10:02:58). */
export function timeTicks(fromMs, toMs, max = 7) {
  const span = Math.max(toMs - fromMs, 1);
  const step = TICK_STEPS.find(s => span / s <= max) ?? TICK_STEPS[TICK_STEPS.length - 1];
  // Round in the shown zone's wall time: shift by its offset, round, shift back.
  const off = zoneOffsetMinutes(fromMs) * 60e3;
  let t = Math.ceil((fromMs + off) / step) * step - off;
  const out = [];
  for (; t <= toMs && out.length <= max; t += step) out.push(t);
  return out;
}
