/** Log levels as Grafana colours them; `unknown` when a line names none. */
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'] as const;
export type Level = (typeof LEVELS)[number];

/** Levels packed into one byte per line in the index. */
export function levelCode(level: Level): number {
  return LEVELS.indexOf(level);
}
export function levelFromCode(code: number): Level {
  return LEVELS[code] ?? 'unknown';
}
