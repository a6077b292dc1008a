// The models pages (ml.html): which view is shown, its range and filters live in location.hash, so every view is
// a link: #view=runs&tag=…&outcome=…, #view=run&id=…, #view=compare&ids=a,b, #view=inference.

import { wireAuth } from '../auth.js';
import { escapeHtml } from '../format.js';
import { renderCompare } from './compare.js';
import { renderInference } from './inference.js';
import { renderRun } from './run.js';
import { renderRuns } from './runs.js';

const KEYS = ['view', 'id', 'ids', 'name', 'tag', 'outcome', 'model', 'last'];
const VIEWS = { runs: renderRuns, run: renderRun, compare: renderCompare, inference: renderInference };
/** Runs are looked back on over days; inference is watched live. */
const DEFAULT_LAST = { runs: '30d', run: '30d', compare: '30d', inference: '1h' };

let controller = null;

function readState() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  const s = {};
  for (const k of KEYS) if (p.has(k) && p.get(k) !== '') s[k] = p.get(k);
  if (!VIEWS[s.view]) s.view = 'runs';
  s.last = s.last ?? DEFAULT_LAST[s.view];
  return s;
}

function navigate(next) {
  const p = new URLSearchParams();
  for (const k of KEYS) if (next[k] !== undefined && next[k] !== null && next[k] !== '') p.set(k, next[k]);
  location.hash = p.toString();
}

async function render() {
  controller?.abort(new DOMException('the view changed', 'AbortError'));
  controller = new AbortController();
  const state = readState();
  const range = document.querySelector('#ml-last');
  if (![...range.options].some(o => o.value === state.last)) range.add(new Option(state.last, state.last));
  range.value = state.last;
  const section = state.view === 'inference' ? 'inference' : 'runs';
  document.querySelectorAll('.ml-nav a').forEach(a => (a.dataset.view === section
    ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current')));
  const main = document.querySelector('#ml-main');
  main.dataset.view = state.view;
  delete main.dataset.ready;
  try {
    await VIEWS[state.view](main, state, navigate, controller.signal);
    main.dataset.ready = 'true';
  } catch (e) {
    if (e.name === 'AbortError') return;
    main.innerHTML = `<div class="empty">${escapeHtml(e.message)}</div>`;
    main.dataset.ready = 'error';
  }
}

document.querySelector('#ml-last').onchange = ev => navigate({ ...readState(), last: ev.target.value });
window.addEventListener('hashchange', render);
wireAuth();
render();
