// The fields sidebar from /api/v1/fields: each field with its top values, click a value to filter.

import { escapeHtml } from './format.js';

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

const FIRST = ['level', 'service', 'host', 'env', 'version', 'logger'];

export function renderFacets(el, fields) {
  if (fields.length === 0) {
    el.innerHTML = '<div class="muted">No fields in this range.</div>';
    return;
  }
  fields.sort((a, b) => {
    const ia = FIRST.indexOf(a.field), ib = FIRST.indexOf(b.field);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return (b.count ?? 0) - (a.count ?? 0) || a.field.localeCompare(b.field);
  });
  el.innerHTML = fields.map((f, i) => {
    const max = Math.max(1, ...f.values.map(v => v.count ?? 0));
    const values = f.values.map(v => `<div class="facet-value value" data-field="${escapeHtml(f.field)}" data-value="${escapeHtml(String(v.value))}">
        <span class="v">${escapeHtml(String(v.value))}</span><span class="count">${v.count ?? ''}</span>
        <span class="bar" style="width:calc((100% - 12px) * ${((v.count ?? 0) / max).toFixed(3)})"></span></div>`).join('');
    return `<details class="facet" data-facet="${escapeHtml(f.field)}"${i < 4 ? ' open' : ''}>
      <summary><span class="name">${escapeHtml(f.field)}</span><span class="count">${f.count ?? ''}</span></summary>${values}</details>`;
  }).join('');
}
