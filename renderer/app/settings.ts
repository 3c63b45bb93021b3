import type { TimeZoneSetting } from './time-format';

export type ThemeSetting = 'system' | 'light' | 'dark';

/** Display preferences, persisted in localStorage (they are per machine, not per link). */
export interface Settings {
  theme: ThemeSetting;
  timeZone: TimeZoneSetting;
  wrap: boolean;
  showLabels: boolean;
  direction: 'backward' | 'forward';
}

export const DEFAULT_SETTINGS: Settings = { theme: 'system', timeZone: 'local', wrap: false, showLabels: false, direction: 'backward' };
export const SETTINGS_KEY = 'vigie.settings';

/** Reads settings, keeping only known values: a stale or hand-edited entry cannot break the app. */
export function loadSettings(storage: Pick<Storage, 'getItem'>): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(SETTINGS_KEY) ?? '{}');
  } catch {
    raw = {};
  }
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const pick = <T>(v: unknown, allowed: readonly T[], dflt: T): T => (allowed.includes(v as T) ? (v as T) : dflt);
  return {
    theme: pick(r.theme, ['system', 'light', 'dark'] as const, DEFAULT_SETTINGS.theme),
    timeZone: pick(r.timeZone, ['local', 'utc'] as const, DEFAULT_SETTINGS.timeZone),
    wrap: pick(r.wrap, [true, false], DEFAULT_SETTINGS.wrap),
    showLabels: pick(r.showLabels, [true, false], DEFAULT_SETTINGS.showLabels),
    direction: pick(r.direction, ['backward', 'forward'] as const, DEFAULT_SETTINGS.direction),
  };
}

export function saveSettings(storage: Pick<Storage, 'setItem'>, s: Settings): void {
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(s));
  } catch {
    // storage full or disabled: settings last for this session only
  }
}

/** The theme actually shown: 'system' follows prefers-color-scheme. */
export function resolveTheme(theme: ThemeSetting, systemDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}

/** The toggle flips what is shown; from then on the choice is explicit. */
export function toggledTheme(theme: ThemeSetting, systemDark: boolean): ThemeSetting {
  return resolveTheme(theme, systemDark) === 'dark' ? 'light' : 'dark';
}
