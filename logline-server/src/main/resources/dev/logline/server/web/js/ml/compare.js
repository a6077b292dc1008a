// Two or more runs side by side: their parameters (rows that differ first and marked) and every metric's curves
// overlaid, one line per run, from one stats query grouped by run and step.

import { escapeHtml } from '../format.js';
import { renderCurves } from '../stats.js';
import { curves, metricNames, runEvents, runFilter } from './queries.js';
import { card, formatValue, outcomeBadge, runLink, runName, startedAt } from './view.js';

export async function renderCompare(main, state, navigate, signal) {
  const ids = (state.ids ?? '').split(',').map(s => s.trim()).filter(Boolean);
  if (ids.length < 2) {
    main.innerHTML = '<div class="empty">Pick two or more runs on the runs page to compare them.</div>';
    return;
  }
  main.innerHTML = '<div class="empty">Loading the runs…</div>';
  const filter = runFilter(ids);
  const [found, names] = await Promise.all([runEvents(filter, state.last, signal), metricNames(filter, state.last, signal)]);
  // Oldest first: a comparison reads as "the baseline, then what came after".
  const runs = ids.map(id => found.find(r => r.id === id) ?? { id, start: null, end: null })
    .sort((a, b) => String(startedAt(a) ?? '').localeCompare(String(startedAt(b) ?? '')));
  ids.splice(0, ids.length, ...runs.map(r => r.id));
  const label = id => {
    const r = runs.find(x => x.id === id);
    return `${runName(r)} ${id.slice(0, 8)}`;
  };
  const keys = [...new Set(runs.flatMap(r => Object.keys(r.start?.params ?? {})))].sort();
  const rows = keys.map(k => {
    const values = runs.map(r => formatValue(r.start?.params?.[k]));
    return { k, values, differs: new Set(values).size > 1 };
  }).sort((a, b) => Number(b.differs) - Number(a.differs));
  const datasets = runs.map(r => Object.entries(r.start?.datasets ?? {}).map(([n, d]) => `${n} ${String(d.hash ?? '').slice(0, 12)}`).join(', '));
  const head = runs.map(r => `<th><a href="${runLink(r.id)}">${escapeHtml(label(r.id))}</a> ${outcomeBadge(r)}</th>`).join('');
  main.innerHTML = `<div class="ml-head"><h1>Comparing ${runs.length} runs</h1>
      <span class="muted">${rows.filter(r => r.differs).length} of ${rows.length} parameters differ</span></div>
    ${card('Parameters', `<table class="ml-table params-diff"><thead><tr><th>Parameter</th>${head}</tr></thead><tbody>${
      rows.map(r => `<tr class="${r.differs ? 'diff' : ''}" data-param="${escapeHtml(r.k)}"><td>${escapeHtml(r.k)}</td>${
        r.values.map(v => `<td class="mono">${escapeHtml(v)}</td>`).join('')}</tr>`).join('')}
      <tr class="${new Set(datasets).size > 1 ? 'diff' : ''}" data-param="datasets"><td>datasets</td>${datasets.map(d => `<td class="mono">${escapeHtml(d)}</td>`).join('')}</tr>
      </tbody></table>`, 'id="params"')}
    ${card('Metrics', '<div id="curves"><div class="empty">Drawing…</div></div>', 'id="metrics-card"')}`;
  const el = main.querySelector('#curves');
  if (names.length === 0) {
    el.innerHTML = '<div class="empty">These runs logged no metrics.</div>';
    return;
  }
  renderCurves(el, await curves(ids, names, state.last, label, signal));
}
