// Prometheus' model.ParseDuration (`1h30m`, `10s53ms`, `0`), used for eval times, load
// intervals and promtool `interval` / `eval_time`. Milliseconds as a JS number: exact up to
// 2^53 ms (285,000 years), and promtool's largest (106751d) stays exact because it is even.

import { NotationError } from './go-string';

const UNITS: [string, number][] = [
  ['y', 365 * 24 * 3600_000], ['w', 7 * 24 * 3600_000], ['d', 24 * 3600_000],
  ['h', 3600_000], ['m', 60_000], ['s', 1000], ['ms', 1],
];
const PATTERN = /^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$/;

export function parsePromDuration(text: string): number {
  if (text === '0') return 0;
  const m = PATTERN.exec(text);
  if (!text || !m) throw new NotationError(`not a valid duration string: ${JSON.stringify(text)}`);
  let ms = 0;
  UNITS.forEach(([, size], i) => {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * size;
  });
  return ms;
}
