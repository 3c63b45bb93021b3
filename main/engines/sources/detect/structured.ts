/**
 * Timestamps inside structured lines: JSON objects (`"ts"`, `"time"`, `"timestamp"`,
 * `"@timestamp"`) and logfmt (`ts=`, `time=`, `timestamp=`, `t=`, as go-kit, Loki,
 * Prometheus and Grafana write them). A value is an RFC 3339 string or an epoch number
 * (seconds with a fraction, milliseconds, microseconds or nanoseconds, told apart by size).
 */
import { digitAt } from './civil';
import type { TimestampFormat } from './format';
import { ymdAt } from './iso';
import { epochDigitsAt } from './numeric';

const JSON_KEYS = ['"@timestamp"', '"timestamp"', '"time"', '"ts"'] as const;
const LOGFMT_KEYS = ['ts=', 'time=', 'timestamp=', 't='] as const;

/** Epoch ms of a number of unknown unit: scaled by magnitude, as Grafana and zap agree. */
function scaledEpoch(v: number): number {
  if (!Number.isFinite(v) || v < 1e8) return NaN; // before 1973: a duration or a count
  if (v < 1e11) return Math.trunc(v * 1000); // seconds (until year 5138)
  if (v < 1e14) return Math.trunc(v); // milliseconds
  if (v < 1e17) return Math.trunc(v / 1e3); // microseconds
  return Math.trunc(v / 1e6); // nanoseconds
}

/** A bare number at i (JSON number or logfmt value); the common layouts avoid allocating. */
function numberAt(line: string, i: number): number {
  const fast = epochDigitsAt(line, i);
  if (!Number.isNaN(fast)) return fast;
  let p = i;
  for (;;) {
    const c = line.charCodeAt(p);
    if ((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45) p++;
    else break;
  }
  return p === i ? NaN : scaledEpoch(Number(line.slice(i, p)));
}

/** The value starting at i: `"2024-...Z"`, `"1700000000"`, `2024-...Z` or `1700000000.5`. */
function valueAt(line: string, i: number): number {
  const quoted = line.charCodeAt(i) === 34;
  const p = quoted ? i + 1 : i;
  if (digitAt(line, p) < 0) return NaN;
  const ts = ymdAt(line, p, 45);
  return Number.isNaN(ts) ? numberAt(line, p) : ts;
}

function skipBlanks(line: string, i: number): number {
  let c = line.charCodeAt(i);
  while (c === 32 || c === 9) c = line.charCodeAt(++i);
  return i;
}

export const jsonLine: TimestampFormat = {
  name: 'json',
  hasYear: true,
  parse(line: string): number {
    if (line.charCodeAt(skipBlanks(line, 0)) !== 123) return NaN;
    // The first three keys all hold `time`: one search rules them all out, and the common
    // `"ts"` line costs two searches instead of four (priority order unchanged).
    const from = line.indexOf('time') === -1 ? JSON_KEYS.length - 1 : 0;
    for (let ki = from; ki < JSON_KEYS.length; ki++) {
      const key = JSON_KEYS[ki]!;
      let k = line.indexOf(key);
      for (let tries = 0; k >= 0 && tries < 4; tries++) {
        const colon = skipBlanks(line, k + key.length);
        if (line.charCodeAt(colon) === 58) {
          const ts = valueAt(line, skipBlanks(line, colon + 1));
          if (!Number.isNaN(ts)) return ts;
        }
        k = line.indexOf(key, k + key.length);
      }
    }
    return NaN;
  },
};

export const logfmt: TimestampFormat = {
  name: 'logfmt',
  hasYear: true,
  parse(line: string): number {
    for (const key of LOGFMT_KEYS) {
      let k = line.indexOf(key);
      for (let tries = 0; k >= 0 && tries < 4; tries++) {
        const before = k === 0 ? 32 : line.charCodeAt(k - 1);
        if (before === 32 || before === 9) {
          const ts = valueAt(line, k + key.length);
          if (!Number.isNaN(ts)) return ts;
        }
        k = line.indexOf(key, k + key.length);
      }
    }
    return NaN;
  },
};
