// The runs page: every training run in the range (from its start and end events), filtered by name, tag and
// outcome; pick two or more to compare them.

import { escapeHtml } from '../format.js';
import { fieldClause } from '../lql.js';
import { runEvents } from './queries.js';
import { formatDuration, formatValue, outcomeBadge, outcomeOf, runLink, runName, startedAt, tagsHtml, timeCell } from './view.js';

/** The filter part of the runs' query: name and tag are exact values, sent to the server. */
function filterOf(state) {
  return [state.name ? fieldClause('run_name', state.name) : '', state.tag ? fieldClause('tags', state.tag) : '']
    .filter(Boolean).join(' ');
}

function lastMetrics(run) {
  const m = run.end?.metrics ?? {};
  return Object.entries(m).slice(0, 4).map(([k, v]) => `${escapeHtml(k)} ${escapeHtml(formatValue(v))}`).join(' · ');
}

export async function renderRuns(main, state, navigate, signal) {
  main.innerHTML = `<div class="ml-head"><h1>Training runs</h1>
      <span class="muted">from <code>ml_event:run_start</code> and <code>ml_event:run_end</code> events (RunLog)</span></div>
    <section class="ml-card"><form class="ml-filters" id="run-filters">
      <input name="name" placeholder="run name" value="${escapeHtml(state.name ?? '')}" aria-label="Run name">
      <input name="tag" placeholder="tag" value="${escapeHtml(state.tag ?? '')}" aria-label="Tag">
      <select name="outcome" aria-label="Outcome">
        ${['', 'ok', 'error', 'unfinished'].map(o => `<option value="${o}"${(state.outcome ?? '') === o ? ' selected' : ''}>${o || 'any outcome'}</option>`).join('')}
      </select>
      <button type="submit">Filter</button>
      <button type="button" id="compare" class="primary" disabled>Compare selected</button>
      <span id="runs-summary" class="muted"></span>
    </form><div id="runs-table"><div class="empty">Loading runs…</div></div></section>`;
  const form = main.querySelector('#run-filters');
  form.onsubmit = ev => {
    ev.preventDefault();
    const f = new FormData(form);
    navigate({ view: 'runs', name: f.get('name').trim(), tag: f.get('tag').trim(), outcome: f.get('outcome'), last: state.last });
  };
  let runs = await runEvents(filterOf(state), state.last, signal);
  if (state.outcome) runs = runs.filter(r => outcomeOf(r) === state.outcome);
  runs.sort((a, b) => String(startedAt(b)).localeCompare(String(startedAt(a))));
  const table = main.querySelector('#runs-table');
  main.querySelector('#runs-summary').textContent = `${runs.length} ${runs.length === 1 ? 'run' : 'runs'}`;
  if (runs.length === 0) {
    table.innerHTML = '<div class="empty">No training runs in this range. Log one with RunLog (docs/ML.md), or widen the range.</div>';
    return;
  }
  table.innerHTML = `<table class="ml-table runs"><thead><tr><th></th><th>Run</th><th>Started</th><th>Duration</th>
      <th>Outcome</th><th>Tags</th><th>Last metrics</th></tr></thead><tbody>${runs.map(r => `
      <tr data-run="${escapeHtml(r.id)}">
        <td><input type="checkbox" class="pick" value="${escapeHtml(r.id)}" aria-label="Select ${escapeHtml(r.id)}"></td>
        <td><a href="${runLink(r.id)}">${escapeHtml(runName(r))}</a> <span class="muted mono">${escapeHtml(r.id)}</span></td>
        <td>${timeCell(startedAt(r))}</td>
        <td class="num">${escapeHtml(formatDuration(r.end?.duration_ms))}</td>
        <td>${outcomeBadge(r)}</td>
        <td>${tagsHtml(r.start?.tags ?? r.end?.tags)}</td>
        <td class="mono">${lastMetrics(r)}</td>
      </tr>`).join('')}</tbody></table>`;
  const compare = main.querySelector('#compare');
  const picked = () => [...table.querySelectorAll('input.pick:checked')].map(i => i.value);
  table.addEventListener('change', () => { compare.disabled = picked().length < 2; });
  compare.onclick = () => navigate({ view: 'compare', ids: picked().join(','), last: state.last });
}
