import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { loadSettings, resolveTheme, saveSettings, toggledTheme, type Settings } from './settings';

interface SettingsContextValue {
  settings: Settings;
  update(patch: Partial<Settings>): void;
  shownTheme: 'light' | 'dark';
  toggleTheme(): void;
}

const SettingsContext = createContext<SettingsContextValue | null>(null);

function useSystemDark(): boolean {
  const query = '(prefers-color-scheme: dark)';
  const [dark, setDark] = useState(() => window.matchMedia?.(query).matches ?? true);
  useEffect(() => {
    const mq = window.matchMedia?.(query);
    if (!mq) return;
    const on = (): void => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return dark;
}

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings>(() => loadSettings(window.localStorage));
  const systemDark = useSystemDark();
  const shownTheme = resolveTheme(settings.theme, systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = shownTheme;
  }, [shownTheme]);
  const update = useCallback((patch: Partial<Settings>) => {
    setSettings((s) => {
      const next = { ...s, ...patch };
      saveSettings(window.localStorage, next);
      return next;
    });
  }, []);
  const toggleTheme = useCallback(() => {
    setSettings((s) => {
      const next = { ...s, theme: toggledTheme(s.theme, systemDark) };
      saveSettings(window.localStorage, next);
      return next;
    });
  }, [systemDark]);
  const value = useMemo(() => ({ settings, update, shownTheme, toggleTheme }), [settings, update, shownTheme, toggleTheme]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsContextValue {
  const v = useContext(SettingsContext);
  if (!v) throw new Error('useSettings outside <SettingsProvider>');
  return v;
}
