// Small pieces the models pages share: a run's outcome badge, tags, durations, key-value lists.

import { escapeHtml, formatTime } from '../format.js';

/** ok, error, or — for a run without an end event — unfinished (still running, or it crashed). */
export function outcomeOf(run) {
  return run.end ? (run.end.outcome === 'error' ? 'error' : 'ok') : 'unfinished';
}

export function outcomeBadge(run) {
  const o = outcomeOf(run);
  const title = o === 'unfinished' ? 'No end event: still running, or the process died' : run.end?.reason ?? o;
  return `<span class="outcome ${o}" title="${escapeHtml(title)}">${o}</span>`;
}

export function tagsHtml(tags) {
  return (Array.isArray(tags) ? tags : tags ? [tags] : []).map(t => `<span class="tag">${escapeHtml(t)}</span>`).join('');
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120e3) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7200e3) return `${(ms / 60e3).toFixed(1)} min`;
  return `${(ms / 3600e3).toFixed(1)} h`;
}

export function formatValue(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A definition list of an object's members (nested objects as JSON). */
export function kvHtml(obj, cls = 'ml-kv') {
  const entries = Object.entries(obj ?? {});
  if (entries.length === 0) return '<div class="ml-note muted">None logged.</div>';
  return `<dl class="${cls}">${entries.map(([k, v]) =>
    `<dt>${escapeHtml(k)}</dt><dd data-key="${escapeHtml(k)}">${escapeHtml(formatValue(v))}</dd>`).join('')}</dl>`;
}

/** When the run started: its start event, else (a run older than the range) its end. */
export function startedAt(run) {
  return run.start?.ts ?? run.end?.ts;
}

export function runName(run) {
  return run.start?.run_name ?? run.end?.run_name ?? run.id;
}

export function runLink(id) {
  return `#view=run&id=${encodeURIComponent(id)}`;
}

export function timeCell(ts) {
  return ts ? `<span class="mono">${escapeHtml(formatTime(ts))}</span>` : '';
}

export function card(title, inner, attrs = '') {
  return `<section class="ml-card" ${attrs}><h2>${escapeHtml(title)}</h2>${inner}</section>`;
}
