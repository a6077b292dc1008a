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

/** "2026-11-22 10:00:00.123" in UTC: log times read best unconverted. */
export function formatTime(t) {
  const ms = toMillis(t);
  if (Number.isNaN(ms)) return String(t ?? '');
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export function formatShortTime(ms, spanMs) {
  const iso = new Date(ms).toISOString();
  if (spanMs > 2 * 86400e3) return iso.slice(5, 10) + ' ' + iso.slice(11, 16);
  if (spanMs > 3600e3) return iso.slice(11, 16);
  return iso.slice(11, 19);
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

/** Pretty JSON where every scalar leaf is a clickable value keyed by its dotted path. */
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
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  if (!path) return `<span class="${cls}">${escapeHtml(text)}</span>`;
  const attrs = `data-field="${escapeHtml(path)}" data-value="${escapeHtml(String(value))}"`;
  return `<span class="${cls} value" ${attrs} title="Filter ${escapeHtml(path)}">${escapeHtml(text)}</span>`;
}
