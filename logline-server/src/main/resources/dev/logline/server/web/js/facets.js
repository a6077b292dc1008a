// The fields sidebar from /api/v1/fields: each field with its top values; click a value to filter for it, − to
// filter it out. A note says how many events the counts cover (the store may summarise only the newest).

import { escapeHtml, filterOps } from './format.js';

/** Reads [{field, count, values: [{value, count}]}] from the API answer, tolerating key spellings. */
export function parseFields(body) {
  const list = Array.isArray(body) ? body : body?.fields ?? [];
  return list.map(f => ({
    field: f.field ?? f.name,
    count: f.count ?? f.events ?? null,
    values: (f.top_values ?? f.topValues ?? f.values ?? f.top ?? []).map(v =>
      typeof v === 'object' && v !== null ? { value: v.value ?? v.key, count: v.count } : { value: v, count: null }),
  })).filter(f => f.field);
}

/** What the counts cover: {events, matched, sample} from the answer (matched is null when unknown). */
export function parseCoverage(body) {
  if (!body || Array.isArray(body) || typeof body.events !== 'number') return null;
  return { events: body.events, matched: typeof body.matched === 'number' ? body.matched : null, sample: !!body.sample };
}

/** The sentence above the fields: "Counts from all 25 events" or "Counts from the newest 10,000 of 12,345 events". */
export function coverageText(c) {
  if (!c) return '';
  const n = v => v.toLocaleString('en');
  if (!c.sample) return `Counts from all ${n(c.events)} ${c.events === 1 ? 'event' : 'events'}`;
  return c.matched !== null
    ? `Counts from the newest ${n(c.events)} of ${n(c.matched)} events (a sample)`
    : `Counts from the newest ${n(c.events)} events only (a sample; more match)`;
}

const FIRST = ['level', 'service', 'host', 'env', 'version', 'logger'];

export function renderFacets(el, fields, coverage = null) {
  const note = coverage ? `<div class="facet-note${coverage.sample ? ' sample' : ''}">${escapeHtml(coverageText(coverage))}</div>` : '';
  if (fields.length === 0) {
    el.innerHTML = note + '<div class="muted">No fields in this range.</div>';
    return;
  }
  fields.sort((a, b) => {
    const ia = FIRST.indexOf(a.field), ib = FIRST.indexOf(b.field);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return (b.count ?? 0) - (a.count ?? 0) || a.field.localeCompare(b.field);
  });
  el.innerHTML = note + fields.map((f, i) => {
    const max = Math.max(1, ...f.values.map(v => v.count ?? 0));
    const values = f.values.map(v => `<div class="facet-value value" data-field="${escapeHtml(f.field)}" data-value="${escapeHtml(String(v.value))}">
        <span class="v">${escapeHtml(String(v.value))}</span>${filterOps(f.field, String(v.value))}<span class="count">${v.count ?? ''}</span>
        <span class="bar" style="width:calc((100% - 12px) * ${((v.count ?? 0) / max).toFixed(3)})"></span></div>`).join('');
    return `<details class="facet" data-facet="${escapeHtml(f.field)}"${i < 4 ? ' open' : ''}>
      <summary><span class="name">${escapeHtml(f.field)}</span><span class="count">${f.count ?? ''}</span></summary>${values}</details>`;
  }).join('');
}
