import type { Level } from '../../../shared/model/level';

/** Grafana's log level colours (logs panel), so the UI reads the same as Explore. */
export const LEVEL_COLORS: Record<Level, string> = {
  fatal: '#a352cc',
  error: '#e02f44',
  warn: '#ff9900',
  info: '#7eb26d',
  debug: '#1f78c1',
  trace: '#6ed0e0',
  unknown: '#8e8e8e',
};

/** The short name shown in the row: fixed width, upper case, like lnav and Grafana. */
export function levelLabel(level: Level): string {
  return level === 'unknown' ? '' : level.toUpperCase();
}

export function levelColor(level: string): string {
  return LEVEL_COLORS[level as Level] ?? LEVEL_COLORS.unknown;
}
