// One run: what it trained with (parameters, datasets, code, environment), its metric curves by step (one stats
// query over its metric events), its checkpoints and artifacts, and a link to its events as one transaction.

import { escapeHtml, formatTime } from '../format.js';
import { renderCurves } from '../stats.js';
import { curves, events, metricNames, runEvents, runFilter } from './queries.js';
import { card, formatDuration, formatValue, kvHtml, outcomeBadge, startedAt, tagsHtml, timeCell } from './view.js';

function environmentHtml(env) {
  if (!env) return '<div class="ml-note muted">Not captured.</div>';
  const { libraries, ...rest } = env;
  const libs = Array.isArray(libraries) && libraries.length
    ? `<details class="ml-note"><summary>${libraries.length} libraries on the class path</summary><div class="mono">${libraries.map(escapeHtml).join('<br>')}</div></details>` : '';
  return kvHtml(rest) + libs;
}

function filesHtml(list) {
  if (list.length === 0) return '<div class="ml-note muted">None logged.</div>';
  return `<table class="ml-table files"><thead><tr><th>Kind</th><th>Step</th><th>Name / path</th><th>Size</th><th>Hash</th><th>Metrics</th></tr></thead><tbody>${
    list.map(e => {
      const f = e.checkpoint ?? e.artifact ?? {};
      return `<tr><td>${escapeHtml(e.ml_event)}</td><td class="num">${escapeHtml(formatValue(e.step))}</td>
        <td>${f.name ? `<b>${escapeHtml(f.name)}</b> ` : ''}<span class="mono">${escapeHtml(f.path ?? '')}</span></td>
        <td class="num">${escapeHtml(formatValue(f.bytes))}</td><td class="mono" title="${escapeHtml(f.hash ?? '')}">${escapeHtml(String(f.hash ?? '').slice(0, 12))}</td>
        <td class="mono">${escapeHtml(Object.entries(e.metrics ?? {}).map(([k, v]) => `${k} ${formatValue(v)}`).join(' · '))}</td></tr>`;
    }).join('')}</tbody></table>`;
}

export async function renderRun(main, state, navigate, signal) {
  const id = state.id;
  main.innerHTML = '<div class="empty">Loading the run…</div>';
  const filter = runFilter([id]);
  const [[run], names, files] = await Promise.all([
    runEvents(filter, state.last, signal),
    metricNames(filter, state.last, signal),
    events(`${filter} (ml_event:checkpoint OR ml_event:artifact)`, state.last, signal),
  ]);
  if (!run) {
    main.innerHTML = `<div class="empty">No run ${escapeHtml(id)} in this range: widen the range, or check the id.</div>`;
    return;
  }
  const s = run.start ?? {};
  const any = run.start ?? run.end;
  const traceId = any?.trace_id;
  main.innerHTML = `<div class="ml-head"><h1>${escapeHtml(any?.run_name ?? id)}</h1>
      <span class="mono muted">${escapeHtml(id)}</span> ${outcomeBadge(run)} ${tagsHtml(s.tags ?? run.end?.tags)}
      <span class="muted">started ${timeCell(startedAt(run))}${run.end ? ` · ${escapeHtml(formatDuration(run.end.duration_ms))}` : ''}</span>
      ${s.parent_run_id ? `<span class="muted">part of <a href="#view=run&id=${encodeURIComponent(s.parent_run_id)}">${escapeHtml(s.parent_run_id)}</a></span>` : ''}
      ${traceId ? `<a href="./#trace=${encodeURIComponent(traceId)}">its events as one transaction</a>` : ''}
      <a href="./#q=${encodeURIComponent(filter)}&last=${encodeURIComponent(state.last)}">search its events</a></div>
    ${run.end?.reason ? `<div class="query-error" role="status"><b>Failed:</b> ${escapeHtml(run.end.reason)}</div>` : ''}
    ${card('Metrics', `<div id="curves"><div class="empty">Drawing ${names.length} metrics…</div></div>`, 'id="metrics-card"')}
    <div class="ml-grid">
      ${card('Parameters', kvHtml(s.params), 'id="params"')}
      ${card('Datasets', Object.keys(s.datasets ?? {}).length ? `<table class="ml-table"><thead><tr><th>Name</th><th>Hash</th><th>Files</th><th>Bytes</th></tr></thead><tbody>${
        Object.entries(s.datasets).map(([n, d]) => `<tr><td>${escapeHtml(n)}</td><td class="mono">${escapeHtml(d.hash ?? '')}</td><td class="num">${escapeHtml(formatValue(d.files))}</td><td class="num">${escapeHtml(formatValue(d.bytes))}</td></tr>`).join('')}</tbody></table>`
        : '<div class="ml-note muted">None logged.</div>', 'id="datasets"')}
      ${card('Code', kvHtml(s.code), 'id="code"')}
      ${card('Environment', environmentHtml(s.environment), 'id="environment"')}
    </div>
    ${card('Checkpoints and artifacts', filesHtml([...files].reverse()), 'id="files"')}
    ${run.end ? '' : `<div class="ml-note muted">This run has no end event (${run.start ? `started ${escapeHtml(formatTime(run.start.ts))}` : ''}): it is still running, or its process died.</div>`}`;
  const el = main.querySelector('#curves');
  if (names.length === 0) {
    el.innerHTML = '<div class="empty">This run logged no metrics.</div>';
    return;
  }
  renderCurves(el, await curves([id], names, state.last, () => any?.run_name ?? id, signal));
}
