// Small LQL edits the UI makes for the user: adding a field filter in front of any pipes.

/** `field:"value"` with quotes and backslashes escaped, as the LQL grammar reads a quoted term. */
export function fieldClause(field, value) {
  const v = String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `${field}:"${v}"`;
}

/** Index of the first `|` outside quotes and regex slashes, or -1. */
export function pipeStart(q) {
  let quote = null;
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    if (quote) {
      if (c === '\\') { i++; continue; }
      if (c === quote) quote = null;
    } else if (c === '"') {
      quote = c;
    } else if (c === '/' && (i === 0 || q[i - 1] === ':')) {
      quote = '/';
    } else if (c === '|') {
      return i;
    }
  }
  return -1;
}

/** The query with one more AND-ed clause; a filter with a top-level OR is parenthesised first. */
export function addClause(q, clause) {
  q = (q || '').trim();
  const p = pipeStart(q);
  let filter = (p < 0 ? q : q.slice(0, p)).trim();
  const pipes = p < 0 ? '' : ' ' + q.slice(p).trim();
  if (filter === '' || filter === '*') return clause + pipes;
  if (filter.includes(clause)) return q;
  if (/\bOR\b/.test(filter)) filter = `(${filter})`;
  return `${filter} ${clause}${pipes}`;
}
