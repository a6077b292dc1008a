// The API key the page sends. Asked for when the server answers 401; kept for this browser session
// (sessionStorage), or across sessions with "Remember" (localStorage); sent as a bearer header, and as ?api_key=
// on the live tail because EventSource cannot set headers. "Sign out" forgets it.

const STORAGE_KEY = 'logline.apiKey';
const $ = sel => document.querySelector(sel);

export function apiKey() {
  return sessionStorage.getItem(STORAGE_KEY) || localStorage.getItem(STORAGE_KEY) || null;
}

export function authHeaders() {
  const key = apiKey();
  return key ? { Authorization: 'Bearer ' + key } : {};
}

function remember(key, persist) {
  sessionStorage.setItem(STORAGE_KEY, key);
  if (persist) localStorage.setItem(STORAGE_KEY, key); else localStorage.removeItem(STORAGE_KEY);
  showSignOut();
}

function showSignOut() {
  $('#sign-out').hidden = !apiKey();
}

let pending = null;

/**
 * Shows the key prompt with the server's reason and resolves once a key is entered. Calls refused together
 * (search, histogram and fields run at once) share one prompt.
 */
export function askForKey(reason) {
  if (pending) return pending;
  pending = new Promise(resolve => {
    const box = $('#auth');
    $('#auth-message').textContent = reason || 'This Logline server needs an API key with the read role.';
    $('#auth-key').value = '';
    $('#auth-remember').checked = false;
    box.hidden = false;
    $('#auth-key').focus();
    $('#auth-form').onsubmit = ev => {
      ev.preventDefault();
      const key = $('#auth-key').value.trim();
      if (!key) return;
      remember(key, $('#auth-remember').checked);
      box.hidden = true;
      pending = null;
      resolve(key);
    };
  });
  return pending;
}

export function wireAuth() {
  showSignOut();
  $('#sign-out').onclick = () => {
    sessionStorage.removeItem(STORAGE_KEY);
    localStorage.removeItem(STORAGE_KEY);
    window.location.reload();
  };
}
