/**
 * The log list never sizes one tall element (10 M lines × 20 px is past what Chromium lays
 * out). It keeps a top-line index and maps wheel, keys and its own scrollbar to line numbers.
 * Everything here is pure so it is tested without a DOM.
 */

/** The largest top line that still fills the viewport: the last page shows the last line at the bottom. */
export function maxTop(total: number, visible: number): number {
  return Math.max(0, total - Math.max(1, visible));
}

export function clampTop(top: number, total: number, visible: number): number {
  if (!Number.isFinite(top)) return 0;
  return Math.min(Math.max(0, Math.floor(top)), maxTop(total, visible));
}

export interface Thumb {
  /** Thumb height in px (never below `minPx` so it stays grabbable over millions of lines). */
  size: number;
  /** Thumb top in px from the track's top. */
  offset: number;
}

/** The scrollbar thumb for a top line: its position is top / maxTop along the free track. */
export function thumbFor(top: number, total: number, visible: number, trackPx: number, minPx = 24): Thumb {
  if (total <= visible || trackPx <= 0) return { size: Math.max(0, trackPx), offset: 0 };
  const size = Math.min(trackPx, Math.max(minPx, (trackPx * visible) / total));
  const free = trackPx - size;
  const m = maxTop(total, visible);
  return { size, offset: m === 0 ? 0 : (free * clampTop(top, total, visible)) / m };
}

/** The inverse of thumbFor: a dragged thumb offset back to a top line. */
export function topForThumb(offset: number, total: number, visible: number, trackPx: number, minPx = 24): number {
  const { size } = thumbFor(0, total, visible, trackPx, minPx);
  const free = trackPx - size;
  if (free <= 0) return 0;
  const ratio = Math.min(1, Math.max(0, offset / free));
  return clampTop(Math.round(ratio * maxTop(total, visible)), total, visible);
}

/** WheelEvent.deltaMode: 0 pixels, 1 lines, 2 pages. */
export function wheelLines(deltaY: number, deltaMode: number, rowPx: number, visible: number): number {
  if (deltaMode === 1) return deltaY;
  if (deltaMode === 2) return deltaY * Math.max(1, visible - 1);
  return deltaY / rowPx;
}

/**
 * Accumulates fractional wheel movement (trackpads send tiny deltas) and returns whole lines
 * to move plus the remainder to keep for the next event.
 */
export function accumulateWheel(remainder: number, lines: number): { step: number; remainder: number } {
  const sum = remainder + lines;
  const step = Math.trunc(sum);
  return { step, remainder: sum - step };
}

export type NavKey = 'next' | 'prev' | 'pageDown' | 'pageUp' | 'home' | 'end';

export function navKeyOf(key: string): NavKey | null {
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'prev';
    case 'PageDown':
      return 'pageDown';
    case 'PageUp':
      return 'pageUp';
    case 'Home':
      return 'home';
    case 'End':
      return 'end';
    default:
      return null;
  }
}

export interface Cursor {
  top: number;
  /** The selected index in the view, or null. */
  selected: number | null;
}

/**
 * Keyboard navigation moves the selection (or the view when nothing is selected) and scrolls
 * just enough to keep the selection on screen, as lnav and Grafana do.
 */
export function navigate(c: Cursor, key: NavKey, total: number, visible: number): Cursor {
  if (total === 0) return { top: 0, selected: null };
  const page = Math.max(1, visible - 1);
  const last = total - 1;
  // A selection scrolled out of view is not where the user is reading: start from the view.
  const onScreen = c.selected !== null && c.selected >= c.top && c.selected < c.top + Math.max(1, visible);
  const from = onScreen ? c.selected : null;
  let sel: number;
  switch (key) {
    case 'next':
      sel = from === null ? c.top : from + 1;
      break;
    case 'prev':
      sel = from === null ? c.top : from - 1;
      break;
    case 'pageDown':
      sel = (from ?? c.top) + page;
      break;
    case 'pageUp':
      sel = (from ?? c.top) - page;
      break;
    case 'home':
      sel = 0;
      break;
    case 'end':
      sel = last;
      break;
  }
  sel = Math.min(Math.max(0, sel), last);
  let top = c.top;
  if (key === 'pageDown' || key === 'pageUp') top = c.top + (sel - (from ?? c.top));
  return { top: clampTop(ensureVisible(sel, top, visible), total, visible), selected: sel };
}

/** The smallest scroll that brings `index` into [top, top + visible). */
export function ensureVisible(index: number, top: number, visible: number): number {
  const v = Math.max(1, visible);
  if (index < top) return index;
  if (index >= top + v) return index - v + 1;
  return top;
}
