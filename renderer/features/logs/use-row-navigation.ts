import { useCallback, useEffect, useLayoutEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { isTypingTarget } from '../../app/shortcuts';
import { clampTop, navigate, navKeyOf, type Cursor } from './viewport';

/**
 * Scrolling a row list by lines (wheel) or to a line (scrollbar), `top` kept in range when
 * the list shrinks or grows. Shared by the logs view and the Explore results.
 */
export function useRowScroll(setTop: Dispatch<SetStateAction<number>>, total: number, visible: number) {
  useEffect(() => setTop((t) => clampTop(t, total, visible)), [setTop, total, visible]);
  const scrollBy = useCallback((lines: number) => setTop((t) => clampTop(t + lines, total, visible)), [setTop, total, visible]);
  const scrollTo = useCallback((t: number) => setTop(clampTop(t, total, visible)), [setTop, total, visible]);
  return { scrollBy, scrollTo };
}

interface KeyHandlers {
  onEscape(): void;
  onEnter(): void;
  /** j/k, arrows, Page Up/Down, Home/End: where the cursor goes (see navigate). */
  onMove(next: Cursor): void;
}

/**
 * The keyboard of a row list, on the window: Escape, Enter and the navigation keys, unless
 * a modifier is held, the focus is in a text field or an overlay (the help) has the keyboard.
 */
export function useRowKeys(cursor: Cursor, total: number, visible: number, handlers: KeyHandlers) {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const { top, selected } = cursor;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      if (document.querySelector('.overlay')) return; // the help overlay has the keyboard
      if (e.key === 'Escape') return latest.current.onEscape();
      if (e.key === 'Enter') return latest.current.onEnter();
      const key = navKeyOf(e.key);
      if (!key) return;
      e.preventDefault();
      latest.current.onMove(navigate({ top, selected }, key, total, visible));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [top, selected, total, visible]);
}
