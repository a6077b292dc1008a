// What the page shows lives in location.hash, so every view is a link you can share: the query, the range, the
// zone times are shown and typed in (tz=local; UTC when absent) and any open panel.

import { formatTime, zoneLabel } from './format.js';

const KEYS = ['q', 'last', 'from', 'to', 'tz', 'trace', 'field', 'ctx'];

export function readState() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  const s = {};
  for (const k of KEYS) {
    if (p.has(k)) s[k] = p.get(k);
  }
  if (!s.from && !s.to && !s.last) s.last = '1h';
  if (s.tz !== 'local') delete s.tz;
  return s;
}

export function writeState(s, replace = false) {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    if (s[k] !== undefined && s[k] !== null && s[k] !== '') p.set(k, s[k]);
  }
  const hash = '#' + p.toString();
  if (hash === location.hash) return false;
  if (replace) history.replaceState(null, '', hash); else history.pushState(null, '', hash);
  return true;
}

/** The API parameters for the state's time range. */
export function timeParams(s) {
  return s.from || s.to ? { from: s.from, to: s.to } : { last: s.last };
}

const UNIT_MS = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

export function durationMs(text) {
  const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(text || '');
  return m ? Number(m[1]) * UNIT_MS[m[2]] : 3600e3;
}

/** [fromMs, toMs] the state covers now. */
export function timeBounds(s, now = Date.now()) {
  if (s.from || s.to) {
    const from = s.from ? Date.parse(s.from) : now - 3600e3;
    const to = s.to ? Date.parse(s.to) : now;
    return [from, to];
  }
  return [now - durationMs(s.last), now];
}

/** The time button's text: a relative range by name, an absolute one in the shown zone, with the zone named. */
export function describeRange(s) {
  if (s.from || s.to) {
    const short = t => formatTime(t).replace(/\.\d+$/, '').replace(/:00$/, '');
    const f = s.from ? short(s.from) : '…';
    const t = s.to ? short(s.to) : 'now';
    return `${f} → ${t} ${zoneLabel(s.from ? Date.parse(s.from) : Date.now())}`;
  }
  const names = { '15m': 'Last 15 minutes', '1h': 'Last 1 hour', '24h': 'Last 24 hours', '7d': 'Last 7 days' };
  return names[s.last] || `Last ${s.last}`;
}
