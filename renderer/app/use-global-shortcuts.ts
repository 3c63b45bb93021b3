import { useEffect, useRef } from 'react';
import { createSequenceMatcher, GLOBAL_SHORTCUTS, isTypingTarget, type ShortcutAction } from './shortcuts';

/** Listens for the global shortcuts; keys typed into fields are left alone. */
export function useGlobalShortcuts(run: (action: ShortcutAction) => void): void {
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const match = createSequenceMatcher(GLOBAL_SHORTCUTS);
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key.length !== 1) return; // named keys (arrows, Escape) belong to lists and overlays
      const action = match(e.key, e.timeStamp || Date.now());
      if (action === null) return;
      e.preventDefault();
      if (action !== 'pending') runRef.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
