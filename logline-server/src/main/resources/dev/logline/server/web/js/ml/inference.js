// The inference page: per model version, latency percentiles and error rate over time, from the per-minute
// inference_summary events (cheap at any QPS: a few events a minute per version, not one per prediction), and
// the drift the monitor reported against the training data.

import { getJson } from '../api.js';
import { escapeHtml } from '../format.js';
import { chooseInterval } from '../histogram.js';
import { durationMs } from '../state.js';
import { renderStats } from '../stats.js';
import { events } from './queries.js';
import { card, formatValue, timeCell } from './view.js';

/** Summaries come once a minute: a finer bucket would only show gaps. */
const MIN_INTERVAL_MS = 60e3;

function interval(last) {
  const i = chooseInterval(durationMs(last));
  return i.ms >= MIN_INTERVAL_MS ? i.text : '1m';
}

/** The LQL of each chart (docs/ML.md). */
export function inferenceQueries(last, model) {
  const filter = 'ml_event:inference_summary' + (model ? ` model:"${model.replace(/["\\]/g, c => '\\' + c)}"` : '');
  const every = interval(last);
  return {
    latency: `${filter} | timechart ${every} max(latency_p50_ms) as p50_ms, max(latency_p95_ms) as p95_ms, max(latency_p99_ms) as p99_ms by model_version`,
    errors: `${filter} | timechart ${every} sum(errors) as errors, sum(count) as predictions by model_version`,
    totals: `${filter} | stats sum(count) as predictions, sum(errors) as errors, max(latency_p99_ms) as worst_p99_ms by model, model_version`,
  };
}

/**
 * The error rate per bucket and version, as a timechart answer renderStats draws: errors over predictions in
 * per cent; a bucket without predictions has no rate (a gap).
 */
export function errorRateTable(body) {
  const cols = body.columns;
  const t = cols.indexOf('_time'), v = cols.indexOf('model_version'), e = cols.indexOf('errors'), n = cols.indexOf('predictions');
  return {
    ...body,
    columns: ['_time', 'model_version', 'error_rate_pct'],
    group_by: ['_time', 'model_version'],
    rows: body.rows.map(r => [r[t], r[v], r[n] > 0 ? Math.round(10000 * r[e] / r[n]) / 100 : null]),
  };
}

export async function renderInference(main, state, navigate, signal) {
  const q = inferenceQueries(state.last, state.model);
  main.innerHTML = `<div class="ml-head"><h1>Inference</h1>
      <span class="muted">from <code>inference_summary</code> events (InferenceLog), one per model version per minute;
      percentiles are each instance's, the worst instance shown</span></div>
    ${card('Model versions', '<div id="totals"><div class="empty">Loading…</div></div>', 'id="totals-card"')}
    <div class="ml-grid">
      ${card('Latency by model version', '<div id="latency"><div class="empty">Loading…</div></div>', 'id="latency-card"')}
      ${card('Error rate and predictions', '<div id="errors"><div class="empty">Loading…</div></div>', 'id="errors-card"')}
    </div>
    ${card('Drift against the training data', '<div id="drift"><div class="empty">Loading…</div></div>', 'id="drift-card"')}`;
  const load = async (sel, work) => {
    const el = main.querySelector(sel);
    try {
      await work(el);
    } catch (e) {
      if (e.name !== 'AbortError') el.innerHTML = `<div class="empty">${escapeHtml(e.message)}</div>`;
    }
  };
  const search = query => getJson('/api/v1/search', { q: query, last: state.last }, signal);
  await Promise.all([
    load('#totals', async el => {
      const body = await search(q.totals);
      if (body.rows.length === 0) {
        el.innerHTML = '<div class="empty">No inference summaries in this range. InferenceLog logs one per model version per minute (docs/ML.md).</div>';
        return;
      }
      const c = name => body.columns.indexOf(name);
      el.innerHTML = `<table class="ml-table versions"><thead><tr><th>Model</th><th>Version</th><th>Predictions</th><th>Errors</th><th>Error rate</th><th>Worst p99</th></tr></thead><tbody>${
        body.rows.map(r => `<tr data-version="${escapeHtml(r[c('model_version')])}"><td>${escapeHtml(r[c('model')])}</td><td class="mono">${escapeHtml(r[c('model_version')])}</td>
          <td class="num">${escapeHtml(formatValue(r[c('predictions')]))}</td><td class="num">${escapeHtml(formatValue(r[c('errors')]))}</td>
          <td class="num">${r[c('predictions')] > 0 ? (100 * r[c('errors')] / r[c('predictions')]).toFixed(2) + ' %' : ''}</td>
          <td class="num">${escapeHtml(formatValue(r[c('worst_p99_ms')]))} ms</td></tr>`).join('')}</tbody></table>`;
    }),
    load('#latency', async el => renderStats(el, await search(q.latency), { table: false })),
    load('#errors', async el => {
      const body = await search(q.errors);
      el.innerHTML = '<div class="rate"></div><div class="volume"></div>';
      renderStats(el.querySelector('.rate'), errorRateTable(body), { table: false });
      renderStats(el.querySelector('.volume'), { ...body, columns: body.columns.filter(c => c !== 'errors'),
        rows: body.rows.map(r => r.filter((_, i) => body.columns[i] !== 'errors')) }, { table: false });
    }),
    load('#drift', async el => {
      const list = await events('ml_event:drift', state.last, signal);
      const checks = await events('ml_event:drift_check', state.last, signal);
      const latest = checks[0];
      const lastCheck = latest ? `<div class="ml-note">Last check ${timeCell(latest.ts)} over ${escapeHtml(formatValue(latest.window_size))} inputs against <span class="mono">${escapeHtml(latest.baseline ?? '')}</span>: PSI ${
        escapeHtml(Object.entries(latest.psi ?? {}).map(([f, v]) => `${f} ${formatValue(v)}`).join(' · '))}</div>`
        : '<div class="ml-note muted">No drift checks in this range (DriftMonitor logs one per schedule once its window is full enough).</div>';
      el.innerHTML = lastCheck + (list.length === 0 ? '<div class="empty">No drift detected in this range.</div>'
        : `<table class="ml-table drift"><thead><tr><th>Time</th><th>Model</th><th>Feature</th><th>Statistic</th><th>PSI</th><th>KS</th><th>Window</th><th>Baseline</th></tr></thead><tbody>${
          list.map(d => `<tr><td>${timeCell(d.ts)}</td><td class="mono">${escapeHtml(d.model ?? '')}</td><td><b>${escapeHtml(d.feature)}</b></td>
            <td>${escapeHtml(d.statistic)}</td><td class="num">${escapeHtml(formatValue(d.psi))} / ${escapeHtml(formatValue(d.psi_threshold))}</td>
            <td class="num">${d.ks === undefined ? '' : `${escapeHtml(formatValue(d.ks))} / ${escapeHtml(formatValue(d.ks_threshold))}`}</td>
            <td class="num">${escapeHtml(formatValue(d.window_size))}</td><td class="mono">${escapeHtml(d.baseline ?? '')}</td></tr>`).join('')}</tbody></table>`);
    }),
  ]);
}
