import { useCallback, useState } from 'react';
import { AlertsPage } from '../features/alerts/AlertsPage';
import { ConnectionsPage } from '../features/connections/ConnectionsPage';
import { ExplorePage } from '../features/explore/ExplorePage';
import { PipelinesPage } from '../features/pipelines/PipelinesPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SourcesPage } from '../features/sources/SourcesPage';
import { ConnectionBanner } from '../rpc/ConnectionBanner';
import { Icon } from './Icon';
import { useLocation } from './LocationProvider';
import { Nav } from './Nav';
import { useSettings } from './SettingsProvider';
import type { ShortcutAction } from './shortcuts';
import { ShortcutsHelp } from './ShortcutsHelp';
import { OPEN_TIME_PICKER, TimeRangePicker } from './TimeRangePicker';
import { useGlobalShortcuts } from './use-global-shortcuts';

const TITLES = { explore: 'Explore', pipelines: 'Pipelines', alerts: 'Alerts', sources: 'Sources', connections: 'Connections', settings: 'Settings' } as const;

/** The shell: top bar (time range, theme, help), side navigation, the current page. */
export function App() {
  const { page, navigate } = useLocation();
  const { shownTheme, toggleTheme } = useSettings();
  const [help, setHelp] = useState(false);

  const run = useCallback(
    (action: ShortcutAction) => {
      switch (action) {
        case 'go-explore':
          return navigate('explore');
        case 'go-sources':
          return navigate('sources');
        case 'go-pipelines':
          return navigate('pipelines');
        case 'go-alerts':
          return navigate('alerts');
        case 'go-connections':
          return navigate('connections');
        case 'go-settings':
          return navigate('settings');
        case 'toggle-theme':
          return toggleTheme();
        case 'help':
          return setHelp((h) => !h);
        case 'focus-search': {
          const target = document.querySelector<HTMLElement>('[data-search-target]');
          if (target) target.focus();
          else window.dispatchEvent(new Event(OPEN_TIME_PICKER));
        }
      }
    },
    [navigate, toggleTheme],
  );
  useGlobalShortcuts(run);
  const closeHelp = useCallback(() => setHelp(false), []);

  return (
    <div className="shell">
      <header className="top-bar">
        <div className="brand">
          <svg className="brand-mark" width="18" height="18" viewBox="0 0 24 24" aria-hidden>
            <circle cx="12" cy="12" r="9" fill="none" stroke="#f5a623" strokeWidth="2" />
            <circle cx="12" cy="12" r="3.5" fill="#f55f3e" />
          </svg>
          Vigie
        </div>
        <div className="page-title">{TITLES[page]}</div>
        <span className="grow" />
        <TimeRangePicker />
        <button className="btn btn-icon" data-testid="theme-toggle" onClick={toggleTheme} title="Toggle theme (t)" aria-label={`Switch to ${shownTheme === 'dark' ? 'light' : 'dark'} theme`}>
          <Icon name={shownTheme === 'dark' ? 'sun' : 'moon'} />
        </button>
        <button className="btn btn-icon" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
          <Icon name="help" />
        </button>
      </header>
      <ConnectionBanner />
      <Nav />
      <main className="content">
        {page === 'explore' && <ExplorePage />}
        {page === 'sources' && <SourcesPage />}
        {page === 'connections' && <ConnectionsPage />}
        {page === 'pipelines' && <PipelinesPage />}
        {page === 'alerts' && <AlertsPage />}
        {page === 'settings' && <SettingsPage />}
      </main>
      {help && <ShortcutsHelp onClose={closeHelp} />}
    </div>
  );
}
