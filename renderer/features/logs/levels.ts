import type { Level } from '../../../shared/model/level';

/** Grafana's log level colours (logs panel), so the UI reads the same as Explore. */
export const LEVEL_COLORS: Record<Level, string> = {
  fatal: '#a352cc',
  error: '#e02f44',
  warn: '#eab839',
  info: '#7eb26d',
  debug: '#1f78c1',
  trace: '#6ed0e0',
  unknown: '#8e8e8e',
};

/** Most severe first: the order of a log volume's stack (bottom up) and legend. */
export const LEVEL_ORDER: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'];

/** A level as labels spell it (`ERROR`, `warning`, `critical`, `information`) → a Level. */
export function levelOfName(name: string): Level {
  const v = name.toLowerCase();
  if (v.startsWith('err')) return 'error';
  if (v.startsWith('warn')) return 'warn';
  if (v === 'critical' || v === 'fatal' || v === 'crit') return 'fatal';
  if (v === 'information') return 'info';
  return v === 'trace' || v === 'debug' || v === 'info' ? v : 'unknown';
}

/** The short name shown in the row: fixed width, upper case, like lnav and Grafana. */
export function levelLabel(level: Level): string {
  return level === 'unknown' ? '' : level.toUpperCase();
}

export function levelColor(level: string): string {
  return LEVEL_COLORS[level as Level] ?? LEVEL_COLORS.unknown;
}
