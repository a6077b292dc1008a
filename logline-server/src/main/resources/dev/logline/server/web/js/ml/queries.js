// The LQL the models pages send (docs/ML.md lists it): every view is built on /api/v1/search and /api/v1/fields.

import { getJson } from '../api.js';
import { fieldClause } from '../lql.js';

/** A field reference LQL reads: bare when it only has name characters, else in backquotes. */
export function fieldRef(name) {
  return /^[A-Za-z0-9_.@-]+$/.test(name) ? name : '`' + name.replace(/[`\\]/g, c => '\\' + c) + '`';
}

/** `run_id:"a"`, or `(run_id:"a" OR run_id:"b")` for several runs. */
export function runFilter(ids) {
  const clauses = ids.map(id => fieldClause('run_id', id));
  return clauses.length === 1 ? clauses[0] : `(${clauses.join(' OR ')})`;
}

/** Metric curves: one row per step (and run), one column per metric, named m0, m1, … in the order given. */
export function metricsQuery(ids, metrics, byRun) {
  const aggs = metrics.map((m, i) => `avg(${fieldRef('metrics.' + m)}) as m${i}`).join(', ');
  return `ml_event:metric ${runFilter(ids)} | stats ${aggs} by ${byRun ? 'run_id, ' : ''}step`;
}

/** The events of a search, newest first (at most 1,000). */
export async function events(q, last, signal) {
  const body = await getJson('/api/v1/search', { q, last, limit: 1000 }, signal);
  return body.events ?? [];
}

/** The run_start and run_end events of some runs (or of all runs matching `filter`), by run id. */
export async function runEvents(filter, last, signal) {
  const [starts, ends] = await Promise.all([
    events(`ml_event:run_start ${filter}`.trim(), last, signal),
    events(`ml_event:run_end ${filter}`.trim(), last, signal),
  ]);
  const runs = new Map();
  for (const s of starts) runs.set(s.run_id, { id: s.run_id, start: s, end: null });
  for (const e of ends) {
    // An end without its start in the range: the run began before the range.
    if (!runs.has(e.run_id)) runs.set(e.run_id, { id: e.run_id, start: null, end: e });
    else runs.get(e.run_id).end = e;
  }
  return [...runs.values()];
}

/** The metric names logged by runs matching `filter`, from the fields of their metric events. */
export async function metricNames(filter, last, signal) {
  const body = await getJson('/api/v1/fields', { q: `ml_event:metric ${filter}`, last, top: 1 }, signal);
  return (body.fields ?? []).map(f => f.field).filter(f => f.startsWith('metrics.'))
    .map(f => f.slice('metrics.'.length)).sort();
}

/**
 * Curves of some runs from one stats query: [{title: metric, series: [{name, points: Map step → value}]}].
 * `label(runId)` names a run's series.
 */
export async function curves(ids, metrics, last, label, signal) {
  if (metrics.length === 0) return [];
  const byRun = ids.length > 1;
  const body = await getJson('/api/v1/search', { q: metricsQuery(ids, metrics, byRun), last }, signal);
  const cols = body.columns ?? [];
  const stepCol = cols.indexOf('step');
  const runCol = byRun ? cols.indexOf('run_id') : -1;
  return metrics.map((m, i) => {
    const col = cols.indexOf('m' + i);
    const perRun = new Map();
    for (const row of body.rows ?? []) {
      const v = row[col];
      if (v === null || v === undefined) continue;
      const run = byRun ? row[runCol] : ids[0];
      if (!perRun.has(run)) perRun.set(run, new Map());
      perRun.get(run).set(Number(row[stepCol]), Number(v));
    }
    // index: the run's place among ids, so a run keeps its colour in charts where another run has no values.
    return { title: m, series: ids.map((id, index) => ({ name: label(id), index, points: perRun.get(id) }))
      .filter(s => s.points) };
  });
}
