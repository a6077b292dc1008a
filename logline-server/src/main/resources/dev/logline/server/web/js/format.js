// Turning values into text and markup: escaping, times, durations, levels and JSON with clickable values.

export const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** Milliseconds since the epoch from an RFC 3339 string, a Date, or epoch ms/µs numbers. */
export function toMillis(t) {
  if (t == null) return NaN;
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'number') return t > 1e14 ? t / 1000 : t;
  if (/^\d+(\.\d+)?$/.test(t)) return toMillis(Number(t));
  const ms = Date.parse(t);
  if (!Number.isNaN(ms)) {
    // Date.parse drops microseconds; keep them as a fraction so events in one millisecond still order.
    const frac = /\.(\d{4,9})/.exec(t);
    return frac ? ms + Number('0.' + frac[1].slice(3)) : ms;
  }
  return NaN;
}

// Times are shown in one zone for the whole page: UTC (the default, as logs are written) or the browser's own.
let zone = 'utc';

/** Chooses the zone every time on the page is shown and read in: 'utc' or 'local'. */
export function setZone(z) {
  zone = z === 'local' ? 'local' : 'utc';
}

export function currentZone() {
  return zone;
}

/** The browser's IANA zone name ("Europe/Berlin"), or "local" when the browser does not tell. */
export function localZoneName() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local'; } catch { return 'local'; }
}

/** "UTC" or the local zone's name with its offset at `ms`, e.g. "Europe/Berlin (UTC+01:00)". */
export function zoneLabel(ms = Date.now()) {
  if (zone === 'utc') return 'UTC';
  const off = -new Date(ms).getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${localZoneName()} (UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')})`;
}

/** Minutes to add to UTC to get the shown zone's wall time at `ms`. */
export function zoneOffsetMinutes(ms) {
  return zone === 'utc' ? 0 : -new Date(ms).getTimezoneOffset();
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** "2026-11-22T10:00:00.123" as the wall time in the shown zone. */
function wallTime(ms) {
  if (zone === 'utc') return new Date(ms).toISOString().slice(0, 23);
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** "2026-11-22 10:00:00.123" in the shown zone (UTC unless the user chose local). */
export function formatTime(t) {
  const ms = toMillis(t);
  if (Number.isNaN(ms)) return String(t ?? '');
  return wallTime(ms).replace('T', ' ');
}

/** "2026-11-22 10:00:00" for the time picker's inputs, in the shown zone. */
export function formatInputTime(t) {
  const ms = toMillis(t);
  return Number.isNaN(ms) ? '' : wallTime(ms).slice(0, 19).replace('T', ' ');
}

/**
 * Reads a time the user typed: with a zone ("…Z", "…+01:00") as written, without one as a wall time in the shown
 * zone — so "2026-11-22 20:55" means 20:55 UTC while the page shows UTC, whatever zone the browser is in.
 * Returns epoch ms or NaN.
 */
export function parseUserTime(text) {
  const t = String(text ?? '').trim().replace(' ', 'T');
  if (/(Z|[+-]\d\d:?\d\d)$/i.test(t)) return Date.parse(t);
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?)?$/.exec(t);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(v => Number(v ?? 0));
  const msPart = Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return NaN;
  return zone === 'utc' ? Date.UTC(y, mo - 1, d, h, mi, s, msPart) : new Date(y, mo - 1, d, h, mi, s, msPart).getTime();
}

export function formatShortTime(ms, spanMs) {
  const iso = wallTime(ms);
  if (spanMs > 2 * 86400e3) return iso.slice(5, 10) + ' ' + iso.slice(11, 16);
  if (spanMs > 3600e3) return iso.slice(11, 16);
  return iso.slice(11, 19);
}

/** An offset within a transaction, exactly as `logline trace` prints it: "12.9 ms", "1.23 s". */
export function formatOffset(ms) {
  if (ms == null || Number.isNaN(ms)) return '';
  return Math.abs(ms) >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms.toFixed(1) + ' ms';
}

export function formatMs(ms) {
  if (ms == null || Number.isNaN(ms)) return '';
  if (Math.abs(ms) >= 60000) return (ms / 60000).toFixed(1) + ' min';
  if (Math.abs(ms) >= 1000) return (ms / 1000).toFixed(2) + ' s';
  return (Math.abs(ms) < 10 ? ms.toFixed(2) : ms.toFixed(1)) + ' ms';
}

export function levelOf(e) {
  const l = String(e.level ?? '').toUpperCase();
  return LEVELS.includes(l) ? l : 'OTHER';
}

export function levelBadge(level) {
  const l = String(level ?? '').toUpperCase() || '—';
  return `<span class="badge lvl-${LEVELS.includes(l) ? l : 'OTHER'}">${escapeHtml(l)}</span>`;
}

/** A clickable value: data-field/data-value tell the click handler what to filter on. */
export function valueSpan(field, value, text = value) {
  return `<span class="value" data-field="${escapeHtml(field)}" data-value="${escapeHtml(value)}" title="Filter ${escapeHtml(field)}:&quot;${escapeHtml(value)}&quot;">${escapeHtml(text)}</span>`;
}

/** The buttons beside a value that add `field:value` or `-field:value` to the query (shown on hover). */
export function filterOps(field, value) {
  const f = escapeHtml(field), v = escapeHtml(value);
  return `<span class="ops"><button type="button" class="op" data-op="include" data-field="${f}" data-value="${v}" title="Filter for ${f}:&quot;${v}&quot;">+</button>`
    + `<button type="button" class="op" data-op="exclude" data-field="${f}" data-value="${v}" title="Filter out ${f}:&quot;${v}&quot; (-${f}:…)">−</button></span>`;
}

/**
 * Pretty JSON where every scalar leaf is a clickable value keyed by its dotted path, with buttons to filter for it
 * or out. Text of several lines (a stack trace) is shown as lines, not as one string of "\n"s.
 */
export function jsonHtml(value, path = '', indent = '') {
  if (value === null) return '<span class="b">null</span>';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = indent + '  ';
    return '[\n' + value.map(v => inner + jsonHtml(v, path, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const inner = indent + '  ';
    return '{\n' + keys.map(k => {
      const p = path ? path + '.' + k : k;
      return `${inner}<span class="k">"${escapeHtml(k)}"</span>: ${jsonHtml(value[k], p, inner)}`;
    }).join(',\n') + '\n' + indent + '}';
  }
  const cls = typeof value === 'string' ? 's' : typeof value === 'number' ? 'n' : 'b';
  const multiline = typeof value === 'string' && /\r?\n/.test(value);
  const text = multiline
    ? value.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n').map(l => escapeHtml(l)).join('\n' + indent + '  ')
    : escapeHtml(typeof value === 'string' ? JSON.stringify(value) : String(value));
  const shown = multiline ? `<span class="${cls} multiline"${path ? ` data-field="${escapeHtml(path)}"` : ''}>${text}</span>` : null;
  if (!path) return shown ?? `<span class="${cls}">${text}</span>`;
  if (multiline) return shown;
  const attrs = `data-field="${escapeHtml(path)}" data-value="${escapeHtml(String(value))}"`;
  return `<span class="leaf"><span class="${cls} value" ${attrs} title="Filter ${escapeHtml(path)}">${text}</span>${filterOps(path, String(value))}</span>`;
}
