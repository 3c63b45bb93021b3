import { useEffect } from 'react';
import { Icon } from './Icon';
import { GLOBAL_SHORTCUTS, LIST_SHORTCUTS } from './shortcuts';

/** The "?" overlay, generated from the same tables the key handlers use. */
export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' || e.key === '?') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  const row = (keys: string, description: string) => (
    <tr key={keys}>
      <td>
        {keys.split(' ').map((k, i) => (k === '/' && keys.includes(' / ') ? <span key={i}> / </span> : <kbd key={i}>{k}</kbd>))}
      </td>
      <td>{description}</td>
    </tr>
  );
  return (
    <div className="overlay" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts-help" onClick={onClose}>
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <header className="panel-header">
          <h3>Keyboard shortcuts</h3>
          <span className="grow" />
          <button className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Close">
            <Icon name="close" size={14} />
          </button>
        </header>
        <div className="shortcut-columns">
          <table className="kv">
            <caption>Anywhere</caption>
            <tbody>{GLOBAL_SHORTCUTS.map((s) => row(s.keys, s.description))}</tbody>
          </table>
          <table className="kv">
            <caption>Log list</caption>
            <tbody>{LIST_SHORTCUTS.map((s) => row(s.keys, s.description))}</tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
