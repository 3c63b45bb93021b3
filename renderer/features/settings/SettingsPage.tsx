import { useSettings } from '../../app/SettingsProvider';
import type { ThemeSetting } from '../../app/settings';
import { useRpcQuery } from '../../rpc/hooks';
import { LiveSettings } from '../live/LiveSettings';

/** Display preferences (stored on this machine) and what the app is connected to. */
export function SettingsPage() {
  const { settings, update } = useSettings();
  const info = useRpcQuery('app.info', {});
  return (
    <div className="page settings-page">
      <h1>Settings</h1>
      <section className="card form-grid">
        <label htmlFor="set-theme">Theme</label>
        <select id="set-theme" className="input" value={settings.theme} onChange={(e) => update({ theme: e.target.value as ThemeSetting })}>
          <option value="system">Follow the system</option>
          <option value="dark">Dark</option>
          <option value="light">Light</option>
        </select>
        <label htmlFor="set-tz">Timestamps</label>
        <select id="set-tz" className="input" data-testid="timezone-setting" value={settings.timeZone} onChange={(e) => update({ timeZone: e.target.value === 'utc' ? 'utc' : 'local' })}>
          <option value="local">Local time ({Intl.DateTimeFormat().resolvedOptions().timeZone})</option>
          <option value="utc">UTC</option>
        </select>
        <label htmlFor="set-wrap">Wrap long lines</label>
        <input id="set-wrap" type="checkbox" checked={settings.wrap} onChange={(e) => update({ wrap: e.target.checked })} />
        <label htmlFor="set-labels">Show labels on each line</label>
        <input id="set-labels" type="checkbox" checked={settings.showLabels} onChange={(e) => update({ showLabels: e.target.checked })} />
        <label htmlFor="set-dir">Order</label>
        <select id="set-dir" className="input" value={settings.direction} onChange={(e) => update({ direction: e.target.value === 'forward' ? 'forward' : 'backward' })}>
          <option value="backward">Newest first</option>
          <option value="forward">Oldest first</option>
        </select>
      </section>
      <LiveSettings />
      <h2>About</h2>
      <section className="card">
        {info.data ? (
          <p>
            Vigie {info.data.version} · {info.data.mode} mode · {info.data.platform}
          </p>
        ) : (
          <p className="muted">{info.error ? 'Version unavailable' : 'Loading…'}</p>
        )}
      </section>
    </div>
  );
}
