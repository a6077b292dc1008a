// Saved searches on the search page: "Saved" opens a menu to save the current query and range by name, and lists
// the tenant's saved searches to open (the view is the URL's hash, so opening one is setting it), rename or delete.

import { readState } from './state.js';
import { documents } from './documents.js';
import { escapeHtml } from './format.js';

const $ = sel => document.querySelector(sel);
const searches = documents('saved-searches');

/** The hash that shows a saved search, as state.js writes views. */
export function searchHash(search) {
  const p = new URLSearchParams({ q: search.query });
  const t = search.time ?? { last: '1h' };
  for (const k of ['last', 'from', 'to']) if (t[k]) p.set(k, t[k]);
  if (search.tz === 'local') p.set('tz', 'local');
  return '#' + p.toString();
}

function currentSearch(name) {
  const s = readState();
  const time = s.from || s.to ? Object.fromEntries(Object.entries({ from: s.from, to: s.to }).filter(([, v]) => v))
    : { last: s.last || '1h' };
  return { name, query: s.q || '*', time, tz: s.tz === 'local' ? 'local' : 'utc' };
}

function showError(e) {
  $('#saved-error').textContent = e ? e.message : '';
}

async function renderList() {
  const list = $('#saved-list');
  let answer;
  try {
    answer = await searches.list();
  } catch (e) {
    list.innerHTML = `<div class="muted">${escapeHtml(e.message)}</div>`;
    return;
  }
  const items = [...answer.items].sort((a, b) => a.search.name.localeCompare(b.search.name));
  list.innerHTML = items.length === 0 ? '<div class="muted">No saved searches yet.</div>' : items.map(d => `
    <div class="saved-item" data-id="${escapeHtml(d.id)}">
      <a href="${escapeHtml(searchHash(d.search))}" class="saved-open" title="${escapeHtml(d.search.query)}">${escapeHtml(d.search.name)}</a>
      <span class="saved-query mono">${escapeHtml(d.search.query)}</span>
      ${d.editable ? `<button type="button" class="ghost" data-action="rename" title="Rename">Rename</button>
        <button type="button" class="ghost" data-action="delete" title="Delete">✕</button>` : ''}
    </div>`).join('');
  list.onclick = async ev => {
    const row = ev.target.closest('.saved-item');
    const d = row && items.find(x => x.id === row.dataset.id);
    if (!d) return;
    if (ev.target.closest('.saved-open')) { $('#saved-menu').hidden = true; return; }
    const action = ev.target.closest('button[data-action]')?.dataset.action;
    try {
      if (action === 'rename') {
        const name = prompt('New name', d.search.name);
        if (name && name.trim() && name.trim() !== d.search.name) await searches.update(d.id, { ...d.search, name: name.trim() }, d.version);
      } else if (action === 'delete' && confirm(`Delete the saved search "${d.search.name}"?`)) {
        await searches.remove(d.id, d.version);
      }
      showError(null);
    } catch (e) {
      showError(e);
    }
    renderList();
  };
}

function wire() {
  const button = $('#saved-button');
  if (!button) return;
  button.onclick = () => {
    const menu = $('#saved-menu');
    menu.hidden = !menu.hidden;
    button.setAttribute('aria-expanded', String(!menu.hidden));
    if (!menu.hidden) {
      showError(null);
      $('#save-name').value = '';
      renderList();
    }
  };
  $('#save-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    ev.stopPropagation();
    const name = $('#save-name').value.trim();
    if (!name) { showError(new Error('Give the search a name.')); return; }
    try {
      await searches.create(currentSearch(name));
      $('#save-name').value = '';
      showError(null);
    } catch (e) {
      showError(e);
    }
    renderList();
  });
  // Another view (opening a saved search, a link, Back) closes the menu.
  window.addEventListener('hashchange', () => { $('#saved-menu').hidden = true; });
  document.addEventListener('click', ev => {
    if (!$('#saved-menu').hidden && !ev.target.closest('.saved')) $('#saved-menu').hidden = true;
  });
}

wire();
