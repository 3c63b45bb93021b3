/** Global shortcuts, as data: the help overlay and the key handler read the same table. */
export type ShortcutAction = 'go-explore' | 'go-sources' | 'go-pipelines' | 'go-alerts' | 'go-connections' | 'go-settings' | 'toggle-theme' | 'focus-search' | 'help';

export const GLOBAL_SHORTCUTS: readonly { keys: string; action: ShortcutAction; description: string }[] = [
  { keys: 'g e', action: 'go-explore', description: 'Go to Explore' },
  { keys: 'g s', action: 'go-sources', description: 'Go to Sources' },
  { keys: 'g p', action: 'go-pipelines', description: 'Go to Pipelines' },
  { keys: 'g a', action: 'go-alerts', description: 'Go to Alerts' },
  { keys: 'g c', action: 'go-connections', description: 'Go to Connections' },
  { keys: 'g ,', action: 'go-settings', description: 'Go to Settings' },
  { keys: 't', action: 'toggle-theme', description: 'Toggle light / dark theme' },
  { keys: '/', action: 'focus-search', description: 'Focus the stream filter (Explore) or the time picker' },
  { keys: '?', action: 'help', description: 'Show this help' },
];

/** Shown in the help overlay; handled by the log list itself. */
export const LIST_SHORTCUTS: readonly { keys: string; description: string }[] = [
  { keys: 'j / ↓', description: 'Next line' },
  { keys: 'k / ↑', description: 'Previous line' },
  { keys: 'PageDown / PageUp', description: 'Next / previous page' },
  { keys: 'Home / End', description: 'First / last line' },
  { keys: 'Enter', description: 'Open the selected line' },
  { keys: 'Esc', description: 'Close details or this help' },
];

/**
 * Matches multi-key sequences ("g e") typed within `timeoutMs`. Returns the action, 'pending'
 * while a prefix is typed, or null. Pure but stateful: feed it keys with their time.
 */
export function createSequenceMatcher<A extends string>(bindings: readonly { keys: string; action: A }[], timeoutMs = 1200) {
  let buffer: string[] = [];
  let last = 0;
  return (key: string, now: number): A | 'pending' | null => {
    if (now - last > timeoutMs) buffer = [];
    last = now;
    // Try the sequence so far plus this key, then this key alone (so "x g e" still finds "g e").
    for (const candidate of [[...buffer, key], [key]]) {
      const typed = candidate.join(' ');
      const exact = bindings.find((b) => b.keys === typed);
      if (exact) {
        buffer = [];
        return exact.action;
      }
      if (bindings.some((b) => b.keys.startsWith(`${typed} `))) {
        buffer = candidate;
        return 'pending';
      }
    }
    buffer = [];
    return null;
  };
}

/** Keys typed into a field belong to the field, not to shortcuts. */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!el || typeof (el as HTMLElement).tagName !== 'string') return false;
  const h = el as HTMLElement;
  if (h.isContentEditable) return true;
  // Monaco takes keys through an EditContext div (Chromium) or a textarea: both inside .monaco-editor.
  if (typeof h.closest === 'function' && h.closest('.monaco-editor')) return true;
  const tag = h.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  const type = ((h as HTMLInputElement).type || 'text').toLowerCase();
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}
