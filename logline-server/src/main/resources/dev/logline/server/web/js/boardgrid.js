// The dashboard's grid: 12 columns, rows of fixed height; a panel is dragged by its header to move it and by its
// corner to resize it, snapping to whole cells. The caller hears of a finished move or resize and keeps it.

export const COLUMNS = 12;
export const ROW_PX = 56;
export const GAP_PX = 10;

/** Puts a panel's element on its cells. */
export function place(el, g) {
  el.style.gridColumn = `${g.x + 1} / span ${g.w}`;
  el.style.gridRow = `${g.y + 1} / span ${g.h}`;
}

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/**
 * Lets panels in `container` be moved (drag `.panel-head`) and resized (drag `.resize-handle`).
 * `gridOf(id)` gives a panel's cells; `onChange(id, cells)` is called once per finished gesture that changed them.
 */
export function enableDrag(container, gridOf, onChange) {
  container.addEventListener('pointerdown', down => {
    const handle = down.target.closest('.resize-handle');
    const head = handle ? null : down.target.closest('.panel-head');
    if ((!handle && !head) || down.button !== 0 || down.target.closest('button, a, select, input')) return;
    const el = down.target.closest('[data-panel]');
    if (!el) return;
    down.preventDefault();
    const id = el.dataset.panel;
    const start = gridOf(id);
    const style = getComputedStyle(container);
    const inner = container.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const colPx = (inner - GAP_PX * (COLUMNS - 1)) / COLUMNS + GAP_PX;
    const rowPx = ROW_PX + GAP_PX;
    let cells = start;
    el.classList.add(handle ? 'resizing' : 'moving');
    const move = ev => {
      const dx = Math.round((ev.clientX - down.clientX) / colPx);
      const dy = Math.round((ev.clientY - down.clientY) / rowPx);
      cells = handle
        ? { ...start, w: clamp(start.w + dx, 1, COLUMNS - start.x), h: clamp(start.h + dy, 1, 24) }
        : { ...start, x: clamp(start.x + dx, 0, COLUMNS - start.w), y: clamp(start.y + dy, 0, 1000) };
      place(el, cells);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      el.classList.remove('resizing', 'moving');
      if (cells.x !== start.x || cells.y !== start.y || cells.w !== start.w || cells.h !== start.h) onChange(id, cells);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  });
}
