// Small LQL edits the UI makes for the user: adding a field filter (or its exclusion) in front of any pipes.

/** `field:"value"` with quotes and backslashes escaped, as the LQL grammar reads a quoted term. */
export function fieldClause(field, value) {
  const v = String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `${field}:"${v}"`;
}

/** `-field:"value"`: events without that value (Kibana's "filter out", Loki's `!=`, Seq's exclude). */
export function excludeClause(field, value) {
  return '-' + fieldClause(field, value);
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

/**
 * The query with one more AND-ed clause; a filter with a top-level OR is parenthesised first. A clause that is the
 * opposite of one already there (`x:"a"` and `-x:"a"`) replaces it rather than making a query nothing matches.
 */
export function addClause(q, clause) {
  q = (q || '').trim();
  const p = pipeStart(q);
  let filter = (p < 0 ? q : q.slice(0, p)).trim();
  const pipes = p < 0 ? '' : ' ' + q.slice(p).trim();
  if (filter === '' || filter === '*') return clause + pipes;
  const words = ` ${filter} `;
  if (words.includes(` ${clause} `)) return q;
  const opposite = clause.startsWith('-') ? clause.slice(1) : '-' + clause;
  if (words.includes(` ${opposite} `)) {
    const rest = words.replace(` ${opposite} `, ' ').trim();
    return (rest === '' ? clause : `${rest} ${clause}`) + pipes;
  }
  if (/\bOR\b/.test(filter)) filter = `(${filter})`;
  return `${filter} ${clause}${pipes}`;
}
